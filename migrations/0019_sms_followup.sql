ALTER TABLE "follow_up_records" ADD COLUMN "inbound_key" text;--> statement-breakpoint
ALTER TABLE "sms_messages" ADD COLUMN "reply_tag" text;--> statement-breakpoint
ALTER TABLE "sms_messages" ADD COLUMN "follow_up_id" uuid;--> statement-breakpoint
ALTER TABLE "sms_messages" ADD CONSTRAINT "sms_messages_follow_up_id_follow_ups_id_fk" FOREIGN KEY ("follow_up_id") REFERENCES "public"."follow_ups"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "follow_up_records_inbound_key" ON "follow_up_records" USING btree ("inbound_key") WHERE "follow_up_records"."inbound_key" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "sms_messages_reply_tag_idx" ON "sms_messages" USING btree ("reply_tag","sent_at") WHERE "sms_messages"."reply_tag" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "sms_messages_follow_up_idx" ON "sms_messages" USING btree ("follow_up_id") WHERE "sms_messages"."follow_up_id" IS NOT NULL;