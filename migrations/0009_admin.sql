CREATE TABLE "role_grant_requests" (
	"id" uuid PRIMARY KEY NOT NULL,
	"user_id" uuid NOT NULL,
	"role" text NOT NULL,
	"requested_by" uuid NOT NULL,
	"requested_at" timestamp with time zone NOT NULL,
	"status" text NOT NULL,
	"decided_by" uuid,
	"decided_at" timestamp with time zone,
	"grant_id" uuid,
	CONSTRAINT "role_grant_requests_not_self" CHECK ("role_grant_requests"."requested_by" <> "role_grant_requests"."user_id"),
	CONSTRAINT "role_grant_requests_two_people" CHECK ("role_grant_requests"."status" <> 'approved' OR ("role_grant_requests"."decided_by" IS NOT NULL AND "role_grant_requests"."decided_by" <> "role_grant_requests"."requested_by" AND "role_grant_requests"."decided_by" <> "role_grant_requests"."user_id"))
);
--> statement-breakpoint
CREATE TABLE "totp_reset_requests" (
	"id" uuid PRIMARY KEY NOT NULL,
	"user_id" uuid NOT NULL,
	"requested_by" uuid NOT NULL,
	"requested_at" timestamp with time zone NOT NULL,
	"status" text NOT NULL,
	"decided_by" uuid,
	"decided_at" timestamp with time zone,
	CONSTRAINT "totp_reset_requests_not_self" CHECK ("totp_reset_requests"."requested_by" <> "totp_reset_requests"."user_id"),
	CONSTRAINT "totp_reset_requests_two_people" CHECK ("totp_reset_requests"."status" <> 'confirmed' OR ("totp_reset_requests"."decided_by" IS NOT NULL AND "totp_reset_requests"."decided_by" <> "totp_reset_requests"."requested_by" AND "totp_reset_requests"."decided_by" <> "totp_reset_requests"."user_id"))
);
--> statement-breakpoint
ALTER TABLE "role_grants" ADD COLUMN "revoked_by" uuid;--> statement-breakpoint
ALTER TABLE "role_grant_requests" ADD CONSTRAINT "role_grant_requests_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "role_grant_requests" ADD CONSTRAINT "role_grant_requests_requested_by_users_id_fk" FOREIGN KEY ("requested_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "role_grant_requests" ADD CONSTRAINT "role_grant_requests_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "role_grant_requests" ADD CONSTRAINT "role_grant_requests_grant_id_role_grants_id_fk" FOREIGN KEY ("grant_id") REFERENCES "public"."role_grants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "totp_reset_requests" ADD CONSTRAINT "totp_reset_requests_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "totp_reset_requests" ADD CONSTRAINT "totp_reset_requests_requested_by_users_id_fk" FOREIGN KEY ("requested_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "totp_reset_requests" ADD CONSTRAINT "totp_reset_requests_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "role_grant_requests_pending_key" ON "role_grant_requests" USING btree ("user_id","role") WHERE "role_grant_requests"."status" = 'pending';--> statement-breakpoint
CREATE INDEX "role_grant_requests_status_idx" ON "role_grant_requests" USING btree ("status","requested_at");--> statement-breakpoint
CREATE UNIQUE INDEX "totp_reset_requests_pending_key" ON "totp_reset_requests" USING btree ("user_id") WHERE "totp_reset_requests"."status" = 'pending';--> statement-breakpoint
ALTER TABLE "role_grants" ADD CONSTRAINT "role_grants_revoked_by_users_id_fk" FOREIGN KEY ("revoked_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "audit_actor_idx" ON "audit" USING btree ("actor_user_id","seq");--> statement-breakpoint
CREATE INDEX "audit_action_idx" ON "audit" USING btree ("action" text_pattern_ops,"seq");--> statement-breakpoint
CREATE INDEX "audit_at_idx" ON "audit" USING btree ("at");--> statement-breakpoint
ALTER TABLE "role_grants" ADD CONSTRAINT "role_grants_two_people" CHECK ("role_grants"."approved_by" IS NULL OR ("role_grants"."approved_by" <> "role_grants"."user_id" AND "role_grants"."granted_by" IS NOT NULL AND "role_grants"."approved_by" <> "role_grants"."granted_by"));