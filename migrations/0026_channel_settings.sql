CREATE TABLE "channel_settings" (
	"channel" text PRIMARY KEY NOT NULL,
	"value" jsonb NOT NULL,
	"secrets_enc" "bytea",
	"updated_at" timestamp with time zone NOT NULL,
	"updated_by" uuid,
	CONSTRAINT "channel_settings_channel" CHECK ("channel_settings"."channel" IN ('mail', 'wechat'))
);
--> statement-breakpoint
ALTER TABLE "channel_settings" ADD CONSTRAINT "channel_settings_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;