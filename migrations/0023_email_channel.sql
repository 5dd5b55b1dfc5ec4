CREATE TABLE "mail_cursors" (
	"mailbox" text PRIMARY KEY NOT NULL,
	"uid_validity" bigint NOT NULL,
	"last_uid" bigint NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "mail_inbound" (
	"id" uuid PRIMARY KEY NOT NULL,
	"message_key" text NOT NULL,
	"mailbox" text NOT NULL,
	"uid" bigint NOT NULL,
	"received_at" timestamp with time zone NOT NULL,
	"size_bytes" integer NOT NULL,
	"from_key" "bytea",
	"message_id_enc" "bytea",
	"raw_key" text NOT NULL,
	"outcome" text NOT NULL,
	"reason" text,
	"item_id" uuid,
	"case_id" uuid,
	"outbound_id" uuid,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "mail_outbound" (
	"id" uuid PRIMARY KEY NOT NULL,
	"outbox_id" bigint,
	"case_id" uuid,
	"kind" text NOT NULL,
	"to_key" "bytea" NOT NULL,
	"automatic" boolean NOT NULL,
	"status" text NOT NULL,
	"status_code" text,
	"sent_at" timestamp with time zone NOT NULL,
	"status_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "mail_quarantine" (
	"id" uuid PRIMARY KEY NOT NULL,
	"inbound_id" uuid NOT NULL,
	"reason" text NOT NULL,
	"size_bytes" integer NOT NULL,
	"received_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "mail_quarantine_inbound_id_unique" UNIQUE("inbound_id")
);
--> statement-breakpoint
ALTER TABLE "mail_inbound" ADD CONSTRAINT "mail_inbound_item_id_intake_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."intake_items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mail_inbound" ADD CONSTRAINT "mail_inbound_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mail_outbound" ADD CONSTRAINT "mail_outbound_outbox_id_outbox_id_fk" FOREIGN KEY ("outbox_id") REFERENCES "public"."outbox"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mail_outbound" ADD CONSTRAINT "mail_outbound_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mail_quarantine" ADD CONSTRAINT "mail_quarantine_inbound_id_mail_inbound_id_fk" FOREIGN KEY ("inbound_id") REFERENCES "public"."mail_inbound"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "mail_inbound_key_idx" ON "mail_inbound" USING btree ("message_key");--> statement-breakpoint
CREATE INDEX "mail_inbound_from_idx" ON "mail_inbound" USING btree ("from_key","created_at");--> statement-breakpoint
CREATE INDEX "mail_inbound_item_idx" ON "mail_inbound" USING btree ("item_id") WHERE "mail_inbound"."item_id" IS NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "mail_outbound_outbox_idx" ON "mail_outbound" USING btree ("outbox_id") WHERE "mail_outbound"."outbox_id" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "mail_outbound_to_idx" ON "mail_outbound" USING btree ("to_key","kind","sent_at");--> statement-breakpoint
CREATE INDEX "mail_outbound_case_idx" ON "mail_outbound" USING btree ("case_id");