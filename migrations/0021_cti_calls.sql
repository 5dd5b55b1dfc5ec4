CREATE TABLE "call_pops" (
	"call_row_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"at" timestamp with time zone NOT NULL,
	CONSTRAINT "call_pops_call_row_id_user_id_pk" PRIMARY KEY("call_row_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "call_recordings" (
	"id" uuid PRIMARY KEY NOT NULL,
	"call_row_id" uuid NOT NULL,
	"storage_key" text NOT NULL,
	"media_type" text NOT NULL,
	"size_bytes" bigint NOT NULL,
	"fingerprint" "bytea" NOT NULL,
	"duration_sec" integer,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "calls" (
	"id" uuid PRIMARY KEY NOT NULL,
	"call_id" text,
	"direction" text NOT NULL,
	"caller_enc" "bytea",
	"caller_bidx" "bytea",
	"line" text,
	"queue" text,
	"state" text NOT NULL,
	"agent_user_id" uuid,
	"agent_extension" text,
	"voicemail" boolean DEFAULT false NOT NULL,
	"started_at" timestamp with time zone,
	"answered_at" timestamp with time zone,
	"ended_at" timestamp with time zone,
	"cause" text,
	"q850" integer,
	"duration_sec" integer,
	"case_id" uuid,
	"follow_up_id" uuid,
	"intake_item_id" uuid,
	"dial_request_id" uuid,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "cti_events" (
	"webhook_id" text PRIMARY KEY NOT NULL,
	"type" text NOT NULL,
	"received_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "seat_extension" text;--> statement-breakpoint
ALTER TABLE "intake_items" ADD COLUMN "listen_by" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "intake_items" ADD COLUMN "listened_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "intake_items" ADD COLUMN "listened_by" uuid;--> statement-breakpoint
ALTER TABLE "call_pops" ADD CONSTRAINT "call_pops_call_row_id_calls_id_fk" FOREIGN KEY ("call_row_id") REFERENCES "public"."calls"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "call_pops" ADD CONSTRAINT "call_pops_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "call_recordings" ADD CONSTRAINT "call_recordings_call_row_id_calls_id_fk" FOREIGN KEY ("call_row_id") REFERENCES "public"."calls"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "calls" ADD CONSTRAINT "calls_agent_user_id_users_id_fk" FOREIGN KEY ("agent_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "calls" ADD CONSTRAINT "calls_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "calls" ADD CONSTRAINT "calls_follow_up_id_follow_ups_id_fk" FOREIGN KEY ("follow_up_id") REFERENCES "public"."follow_ups"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "calls" ADD CONSTRAINT "calls_intake_item_id_intake_items_id_fk" FOREIGN KEY ("intake_item_id") REFERENCES "public"."intake_items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "call_recordings_fingerprint_key" ON "call_recordings" USING btree ("call_row_id","fingerprint");--> statement-breakpoint
CREATE UNIQUE INDEX "calls_call_id_key" ON "calls" USING btree ("call_id");--> statement-breakpoint
CREATE UNIQUE INDEX "calls_dial_request_key" ON "calls" USING btree ("dial_request_id");--> statement-breakpoint
CREATE INDEX "calls_caller_idx" ON "calls" USING btree ("caller_bidx","started_at");--> statement-breakpoint
CREATE INDEX "calls_agent_idx" ON "calls" USING btree ("agent_user_id","started_at");--> statement-breakpoint
CREATE INDEX "calls_started_idx" ON "calls" USING btree ("started_at");--> statement-breakpoint
CREATE INDEX "calls_case_idx" ON "calls" USING btree ("case_id") WHERE "calls"."case_id" IS NOT NULL;--> statement-breakpoint
ALTER TABLE "intake_items" ADD CONSTRAINT "intake_items_listened_by_users_id_fk" FOREIGN KEY ("listened_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "users_seat_extension_key" ON "users" USING btree ("seat_extension");