CREATE TABLE "case_access_grants" (
	"id" uuid PRIMARY KEY NOT NULL,
	"case_id" uuid NOT NULL,
	"what" text NOT NULL,
	"attachment_id" uuid,
	"unit_id" uuid NOT NULL,
	"granted_by" uuid NOT NULL,
	"reason_enc" "bytea" NOT NULL,
	"granted_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "case_conflicts" (
	"case_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"reason_enc" "bytea" NOT NULL,
	"declared_at" timestamp with time zone NOT NULL,
	CONSTRAINT "case_conflicts_pkey" PRIMARY KEY("case_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "case_notes" (
	"id" uuid PRIMARY KEY NOT NULL,
	"case_id" uuid NOT NULL,
	"author_user_id" uuid NOT NULL,
	"unit_id" uuid NOT NULL,
	"body_enc" "bytea" NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "case_results" (
	"id" uuid PRIMARY KEY NOT NULL,
	"case_id" uuid NOT NULL,
	"cycle" integer NOT NULL,
	"finding" text NOT NULL,
	"body_enc" "bytea" NOT NULL,
	"submitted_by" uuid NOT NULL,
	"submitted_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "case_search" (
	"case_id" uuid PRIMARY KEY NOT NULL,
	"tokens" "tsvector" NOT NULL,
	"icu_version" text NOT NULL,
	"indexed_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "clock_alerts" (
	"case_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"due_on" date NOT NULL,
	"sent_at" timestamp with time zone NOT NULL,
	CONSTRAINT "clock_alerts_pkey" PRIMARY KEY("case_id","kind","due_on")
);
--> statement-breakpoint
CREATE TABLE "dispatch_levels" (
	"id" uuid PRIMARY KEY NOT NULL,
	"case_id" uuid NOT NULL,
	"cycle" integer NOT NULL,
	"depth" integer NOT NULL,
	"unit_id" uuid NOT NULL,
	"co_unit_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"assigned_at" timestamp with time zone NOT NULL,
	"assigned_by" uuid,
	"unit_due" date NOT NULL,
	"unit_due_provisional" boolean DEFAULT false NOT NULL,
	"flagged_short" boolean DEFAULT false NOT NULL,
	"brief_enc" "bytea",
	"signed_for_at" timestamp with time zone,
	"signed_for_by" uuid,
	"granted" boolean DEFAULT true NOT NULL,
	"revoked_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "follow_up_records" (
	"id" uuid PRIMARY KEY NOT NULL,
	"case_id" uuid NOT NULL,
	"follow_up_id" uuid,
	"outcome" text NOT NULL,
	"channel" text NOT NULL,
	"reasons" text[] DEFAULT '{}'::text[] NOT NULL,
	"note_enc" "bytea",
	"recorded_by" uuid,
	"recorded_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "follow_ups" (
	"id" uuid PRIMARY KEY NOT NULL,
	"case_id" uuid NOT NULL,
	"cycle" integer NOT NULL,
	"due_on" date NOT NULL,
	"status" text NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"settled_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "notifications" (
	"id" uuid PRIMARY KEY NOT NULL,
	"user_id" uuid NOT NULL,
	"case_id" uuid,
	"kind" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"read_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "pending_decisions" (
	"id" uuid PRIMARY KEY NOT NULL,
	"case_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"payload_enc" "bytea" NOT NULL,
	"requested_by" uuid NOT NULL,
	"requested_at" timestamp with time zone NOT NULL,
	"confirmations" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"settlement" text,
	"settled_by" uuid,
	"settled_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "replies" (
	"id" uuid PRIMARY KEY NOT NULL,
	"case_id" uuid NOT NULL,
	"cycle" integer NOT NULL,
	"outcome" text NOT NULL,
	"method" text,
	"body_enc" "bytea" NOT NULL,
	"answered_at" timestamp with time zone NOT NULL,
	"recorded_by" uuid NOT NULL,
	"recorded_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sealed_group_members" (
	"user_id" uuid PRIMARY KEY NOT NULL,
	"added_by" uuid,
	"added_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "intake_attachments" (
	"id" uuid PRIMARY KEY NOT NULL,
	"item_id" uuid NOT NULL,
	"name_enc" "bytea" NOT NULL,
	"media_type" text NOT NULL,
	"size_bytes" bigint NOT NULL,
	"fingerprint" "bytea" NOT NULL,
	"storage_key" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "intake_items" (
	"id" uuid PRIMARY KEY NOT NULL,
	"channel" text NOT NULL,
	"external_id" text NOT NULL,
	"received_at" timestamp with time zone NOT NULL,
	"contact_enc" "bytea",
	"contact_bidx" "bytea",
	"text_enc" "bytea" NOT NULL,
	"details_enc" "bytea",
	"thread_key" text,
	"claims_case_number" text,
	"status" text DEFAULT 'new' NOT NULL,
	"case_id" uuid,
	"invalid_reason" text,
	"note_enc" "bytea",
	"handled_by" uuid,
	"handled_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "calendar_years" (
	"year" integer PRIMARY KEY NOT NULL,
	"status" text NOT NULL,
	"definition" jsonb NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "deadline_policies" (
	"case_type" text PRIMARY KEY NOT NULL,
	"amount" integer,
	"unit" text NOT NULL,
	"starts_at" text NOT NULL,
	"roll_forward_if_holiday" boolean NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "dictionary_entries" (
	"dictionary" text NOT NULL,
	"code" text NOT NULL,
	"parent_code" text,
	"name_zh" text NOT NULL,
	"name_en" text NOT NULL,
	"position" integer NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "dictionary_entries_pkey" PRIMARY KEY("dictionary","code")
);
--> statement-breakpoint
CREATE TABLE "duty_roster" (
	"on_date" date NOT NULL,
	"user_id" uuid NOT NULL,
	"deputy" boolean DEFAULT false NOT NULL,
	CONSTRAINT "duty_roster_pkey" PRIMARY KEY("on_date","user_id")
);
--> statement-breakpoint
CREATE TABLE "routing_rules" (
	"rank" text PRIMARY KEY NOT NULL,
	"rule" jsonb NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "units" ADD COLUMN "inspection" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "problem_type" text;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "police_branch" text;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "urgency" text DEFAULT 'normal' NOT NULL;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "business_related" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "is_accusation" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "sealed" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "channel_details_enc" "bytea";--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "reporter_consents_to_name" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "mode" text;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "proposal_enc" "bytea";--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "proposed_unit_id" uuid;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "accepted_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "public_due" date;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "public_due_provisional" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "cycle" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "reopen_count" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "extension_days_used" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "current_unit_id" uuid;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "unit_due" date;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "handler_user_id" uuid;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "review_stage" text;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "suspended_since" date;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "chased" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "supervised" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "dissatisfied" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "rated" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "false_accusation" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "first_contact_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "merged_into_id" uuid;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "replied_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "closed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "archived_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "updated_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "case_access_grants" ADD CONSTRAINT "case_access_grants_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_access_grants" ADD CONSTRAINT "case_access_grants_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_access_grants" ADD CONSTRAINT "case_access_grants_granted_by_users_id_fk" FOREIGN KEY ("granted_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_conflicts" ADD CONSTRAINT "case_conflicts_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_conflicts" ADD CONSTRAINT "case_conflicts_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_notes" ADD CONSTRAINT "case_notes_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_notes" ADD CONSTRAINT "case_notes_author_user_id_users_id_fk" FOREIGN KEY ("author_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_notes" ADD CONSTRAINT "case_notes_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_results" ADD CONSTRAINT "case_results_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_results" ADD CONSTRAINT "case_results_submitted_by_users_id_fk" FOREIGN KEY ("submitted_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_search" ADD CONSTRAINT "case_search_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "clock_alerts" ADD CONSTRAINT "clock_alerts_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dispatch_levels" ADD CONSTRAINT "dispatch_levels_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dispatch_levels" ADD CONSTRAINT "dispatch_levels_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dispatch_levels" ADD CONSTRAINT "dispatch_levels_assigned_by_users_id_fk" FOREIGN KEY ("assigned_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dispatch_levels" ADD CONSTRAINT "dispatch_levels_signed_for_by_users_id_fk" FOREIGN KEY ("signed_for_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "follow_up_records" ADD CONSTRAINT "follow_up_records_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "follow_up_records" ADD CONSTRAINT "follow_up_records_follow_up_id_follow_ups_id_fk" FOREIGN KEY ("follow_up_id") REFERENCES "public"."follow_ups"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "follow_up_records" ADD CONSTRAINT "follow_up_records_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "follow_ups" ADD CONSTRAINT "follow_ups_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pending_decisions" ADD CONSTRAINT "pending_decisions_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pending_decisions" ADD CONSTRAINT "pending_decisions_requested_by_users_id_fk" FOREIGN KEY ("requested_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pending_decisions" ADD CONSTRAINT "pending_decisions_settled_by_users_id_fk" FOREIGN KEY ("settled_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "replies" ADD CONSTRAINT "replies_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "replies" ADD CONSTRAINT "replies_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sealed_group_members" ADD CONSTRAINT "sealed_group_members_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sealed_group_members" ADD CONSTRAINT "sealed_group_members_added_by_users_id_fk" FOREIGN KEY ("added_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "intake_attachments" ADD CONSTRAINT "intake_attachments_item_id_intake_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."intake_items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "intake_items" ADD CONSTRAINT "intake_items_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "intake_items" ADD CONSTRAINT "intake_items_handled_by_users_id_fk" FOREIGN KEY ("handled_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "duty_roster" ADD CONSTRAINT "duty_roster_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "case_access_grants_case_idx" ON "case_access_grants" USING btree ("case_id");--> statement-breakpoint
CREATE INDEX "case_conflicts_user_idx" ON "case_conflicts" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "case_notes_case_idx" ON "case_notes" USING btree ("case_id","created_at");--> statement-breakpoint
CREATE INDEX "case_results_case_idx" ON "case_results" USING btree ("case_id","cycle");--> statement-breakpoint
CREATE INDEX "case_search_tokens_idx" ON "case_search" USING gin ("tokens");--> statement-breakpoint
CREATE INDEX "dispatch_levels_case_idx" ON "dispatch_levels" USING btree ("case_id","cycle","depth");--> statement-breakpoint
CREATE INDEX "dispatch_levels_unit_idx" ON "dispatch_levels" USING btree ("unit_id") WHERE "dispatch_levels"."granted";--> statement-breakpoint
CREATE INDEX "dispatch_levels_co_units_idx" ON "dispatch_levels" USING gin ("co_unit_ids");--> statement-breakpoint
CREATE INDEX "follow_up_records_case_idx" ON "follow_up_records" USING btree ("case_id","recorded_at");--> statement-breakpoint
CREATE INDEX "follow_ups_open_idx" ON "follow_ups" USING btree ("due_on") WHERE "follow_ups"."status" = 'open';--> statement-breakpoint
CREATE UNIQUE INDEX "follow_ups_case_cycle_key" ON "follow_ups" USING btree ("case_id","cycle");--> statement-breakpoint
CREATE INDEX "notifications_user_idx" ON "notifications" USING btree ("user_id","created_at");--> statement-breakpoint
CREATE INDEX "pending_decisions_open_idx" ON "pending_decisions" USING btree ("case_id") WHERE "pending_decisions"."settled_at" IS NULL;--> statement-breakpoint
CREATE INDEX "pending_decisions_kind_idx" ON "pending_decisions" USING btree ("kind") WHERE "pending_decisions"."settled_at" IS NULL;--> statement-breakpoint
CREATE INDEX "replies_case_idx" ON "replies" USING btree ("case_id","recorded_at");--> statement-breakpoint
CREATE INDEX "intake_attachments_item_idx" ON "intake_attachments" USING btree ("item_id");--> statement-breakpoint
CREATE UNIQUE INDEX "intake_items_external_key" ON "intake_items" USING btree ("channel","external_id");--> statement-breakpoint
CREATE INDEX "intake_items_new_idx" ON "intake_items" USING btree ("received_at") WHERE "intake_items"."status" = 'new';--> statement-breakpoint
CREATE INDEX "intake_items_contact_idx" ON "intake_items" USING btree ("contact_bidx");--> statement-breakpoint
CREATE INDEX "duty_roster_user_idx" ON "duty_roster" USING btree ("user_id");--> statement-breakpoint
ALTER TABLE "cases" ADD CONSTRAINT "cases_proposed_unit_id_units_id_fk" FOREIGN KEY ("proposed_unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cases" ADD CONSTRAINT "cases_current_unit_id_units_id_fk" FOREIGN KEY ("current_unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cases" ADD CONSTRAINT "cases_handler_user_id_users_id_fk" FOREIGN KEY ("handler_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "cases_unit_queue_idx" ON "cases" USING btree ("current_unit_id","unit_due") WHERE "cases"."current_unit_id" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "cases_state_due_idx" ON "cases" USING btree ("state","public_due");--> statement-breakpoint
CREATE INDEX "cases_created_idx" ON "cases" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "cases_handler_idx" ON "cases" USING btree ("handler_user_id") WHERE "cases"."handler_user_id" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "cases_merged_into_idx" ON "cases" USING btree ("merged_into_id") WHERE "cases"."merged_into_id" IS NOT NULL;