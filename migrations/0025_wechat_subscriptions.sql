CREATE TABLE "wechat_deliveries" (
	"id" uuid PRIMARY KEY NOT NULL,
	"case_id" uuid NOT NULL,
	"template" text NOT NULL,
	"status" text NOT NULL,
	"code" text NOT NULL,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "wechat_subscriptions" (
	"id" uuid PRIMARY KEY NOT NULL,
	"openid_bidx" "bytea" NOT NULL,
	"template_id" text NOT NULL,
	"scene" text,
	"granted_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "wechat_messages" ADD COLUMN "case_id" uuid;--> statement-breakpoint
ALTER TABLE "wechat_messages" ADD COLUMN "reporter_message_id" uuid;--> statement-breakpoint
ALTER TABLE "wechat_messages" ADD COLUMN "media_error" text;--> statement-breakpoint
ALTER TABLE "wechat_deliveries" ADD CONSTRAINT "wechat_deliveries_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "wechat_deliveries_case_idx" ON "wechat_deliveries" USING btree ("case_id","at");--> statement-breakpoint
CREATE INDEX "wechat_subscriptions_user_idx" ON "wechat_subscriptions" USING btree ("openid_bidx","template_id","granted_at");--> statement-breakpoint
ALTER TABLE "wechat_messages" ADD CONSTRAINT "wechat_messages_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "wechat_messages" ADD CONSTRAINT "wechat_messages_reporter_message_id_messages_id_fk" FOREIGN KEY ("reporter_message_id") REFERENCES "public"."messages"("id") ON DELETE no action ON UPDATE no action;