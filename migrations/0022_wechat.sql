CREATE TABLE "wechat_access_tokens" (
	"app_id" text PRIMARY KEY NOT NULL,
	"token_enc" "bytea" NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"refreshed_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "wechat_messages" (
	"id" uuid PRIMARY KEY NOT NULL,
	"dedupe_key" "bytea" NOT NULL,
	"openid_bidx" "bytea" NOT NULL,
	"item_id" uuid,
	"openid_enc" "bytea",
	"msg_type" text NOT NULL,
	"media_id" text,
	"media_status" text DEFAULT 'none' NOT NULL,
	"media_attempts" integer DEFAULT 0 NOT NULL,
	"received_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "wechat_messages_dedupe_key" UNIQUE("dedupe_key")
);
--> statement-breakpoint
CREATE TABLE "wechat_push_replay" (
	"replay_key" "bytea" PRIMARY KEY NOT NULL,
	"seen_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "wechat_messages" ADD CONSTRAINT "wechat_messages_item_id_intake_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."intake_items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "wechat_messages_sender_idx" ON "wechat_messages" USING btree ("openid_bidx","received_at");--> statement-breakpoint
CREATE INDEX "wechat_messages_media_idx" ON "wechat_messages" USING btree ("created_at") WHERE "wechat_messages"."media_status" = 'pending';--> statement-breakpoint
CREATE INDEX "wechat_push_replay_seen_idx" ON "wechat_push_replay" USING btree ("seen_at");