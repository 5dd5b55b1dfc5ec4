DROP INDEX "cases_state_idx";--> statement-breakpoint
DROP INDEX "cases_state_due_idx";--> statement-breakpoint
CREATE INDEX "cases_public_queue_idx" ON "cases" USING btree ((COALESCE("public_due", '9999-12-31'::date)),"id");--> statement-breakpoint
CREATE INDEX "cases_state_public_queue_idx" ON "cases" USING btree ("state",(COALESCE("public_due", '9999-12-31'::date)),"id");--> statement-breakpoint
CREATE INDEX "cases_open_public_queue_idx" ON "cases" USING btree ((COALESCE("public_due", '9999-12-31'::date)),"id") WHERE "cases"."state" IN ('awaiting_instruction', 'ready_to_assign', 'direct_handling', 'assigned', 'in_progress', 'under_review');--> statement-breakpoint
CREATE INDEX "cases_open_unit_queue_idx" ON "cases" USING btree ((COALESCE("unit_due", '9999-12-31'::date)),"id") WHERE "cases"."state" IN ('awaiting_instruction', 'ready_to_assign', 'direct_handling', 'assigned', 'in_progress', 'under_review');--> statement-breakpoint
CREATE INDEX "cases_closed_idx" ON "cases" USING btree ("closed_at") WHERE "cases"."closed_at" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "subjects_linked_user_idx" ON "subjects" USING btree ("linked_user_id") WHERE "subjects"."linked_user_id" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "subjects_linked_unit_idx" ON "subjects" USING btree ("linked_unit_id") WHERE "subjects"."linked_unit_id" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "timeline_close_reopen_idx" ON "timeline" USING btree ("event","at") WHERE "timeline"."event" IN ('close', 'reopen');--> statement-breakpoint
CREATE INDEX "dispatch_levels_assigned_idx" ON "dispatch_levels" USING btree ("assigned_at");--> statement-breakpoint
CREATE INDEX "follow_up_records_recorded_idx" ON "follow_up_records" USING btree ("recorded_at");--> statement-breakpoint
CREATE INDEX "follow_ups_due_idx" ON "follow_ups" USING btree ("due_on");--> statement-breakpoint
CREATE INDEX "pending_decisions_confirmed_idx" ON "pending_decisions" USING btree ("case_id","kind") WHERE "pending_decisions"."settlement" = 'confirmed';--> statement-breakpoint
CREATE INDEX "pending_decisions_settled_idx" ON "pending_decisions" USING btree ("kind","settled_at") WHERE "pending_decisions"."settlement" = 'confirmed';