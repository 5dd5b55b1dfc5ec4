CREATE TABLE "audit_verifications" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"ok" boolean NOT NULL,
	"problems" text[] NOT NULL,
	"seals" integer NOT NULL,
	"sealed_rows" bigint NOT NULL,
	"unsealed_rows" bigint NOT NULL,
	"cases_checked" integer NOT NULL,
	"anchors" integer NOT NULL,
	"duration_ms" integer NOT NULL
);
--> statement-breakpoint
-- A verification once recorded stays as it was: a later failure cannot be hidden by rewriting an earlier pass.
CREATE TRIGGER audit_verifications_append_only BEFORE UPDATE OR DELETE ON audit_verifications FOR EACH ROW EXECUTE FUNCTION zhitong_refuse_change();
--> statement-breakpoint
CREATE TRIGGER audit_verifications_no_truncate BEFORE TRUNCATE ON audit_verifications FOR EACH STATEMENT EXECUTE FUNCTION zhitong_refuse_change();
