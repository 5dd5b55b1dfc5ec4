-- Audit, seals and the timeline are append-only for every role, the owner included (DESIGN §6).
-- The application role additionally lacks UPDATE, DELETE and TRUNCATE on them (granted at start-up).
CREATE FUNCTION zhitong_refuse_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'table % is append-only', TG_TABLE_NAME USING ERRCODE = 'insufficient_privilege';
END
$$;
--> statement-breakpoint
CREATE TRIGGER audit_append_only BEFORE UPDATE OR DELETE ON audit FOR EACH ROW EXECUTE FUNCTION zhitong_refuse_change();
--> statement-breakpoint
CREATE TRIGGER audit_no_truncate BEFORE TRUNCATE ON audit FOR EACH STATEMENT EXECUTE FUNCTION zhitong_refuse_change();
--> statement-breakpoint
CREATE TRIGGER audit_seal_append_only BEFORE UPDATE OR DELETE ON audit_seal FOR EACH ROW EXECUTE FUNCTION zhitong_refuse_change();
--> statement-breakpoint
CREATE TRIGGER audit_seal_no_truncate BEFORE TRUNCATE ON audit_seal FOR EACH STATEMENT EXECUTE FUNCTION zhitong_refuse_change();
--> statement-breakpoint
CREATE TRIGGER timeline_append_only BEFORE UPDATE OR DELETE ON timeline FOR EACH ROW EXECUTE FUNCTION zhitong_refuse_change();
--> statement-breakpoint
CREATE TRIGGER timeline_no_truncate BEFORE TRUNCATE ON timeline FOR EACH STATEMENT EXECUTE FUNCTION zhitong_refuse_change();
