CREATE TABLE "sms_messages" (
	"id" uuid PRIMARY KEY NOT NULL,
	"outbox_id" bigint,
	"case_id" uuid,
	"phone_key" "bytea" NOT NULL,
	"template" text NOT NULL,
	"provider" text NOT NULL,
	"provider_message_ids" text[] NOT NULL,
	"segments" integer NOT NULL,
	"status" text NOT NULL,
	"status_code" text,
	"sent_at" timestamp with time zone NOT NULL,
	"status_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "sms_messages" ADD CONSTRAINT "sms_messages_outbox_id_outbox_id_fk" FOREIGN KEY ("outbox_id") REFERENCES "public"."outbox"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sms_messages" ADD CONSTRAINT "sms_messages_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "sms_messages_phone_idx" ON "sms_messages" USING btree ("phone_key","sent_at");--> statement-breakpoint
CREATE INDEX "sms_messages_provider_ids_idx" ON "sms_messages" USING gin ("provider_message_ids");--> statement-breakpoint
CREATE INDEX "sms_messages_outbox_idx" ON "sms_messages" USING btree ("outbox_id") WHERE "sms_messages"."outbox_id" IS NOT NULL;