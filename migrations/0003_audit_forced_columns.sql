-- The sealer trusts seq, xid and at; the writer must not choose them (DESIGN §6 "The audit chain").
CREATE FUNCTION zhitong_audit_force_columns() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  NEW.seq := nextval(pg_get_serial_sequence('audit', 'seq'));
  NEW.xid := pg_current_xact_id();
  NEW.at := clock_timestamp();
  RETURN NEW;
END
$$;
--> statement-breakpoint
CREATE TRIGGER audit_force_columns BEFORE INSERT ON audit FOR EACH ROW EXECUTE FUNCTION zhitong_audit_force_columns();
