-- Trigger functions resolve names through a fixed search_path: a temporary table or sequence named
-- like ours in a session's own schema must not be able to stand in for the real one.
CREATE OR REPLACE FUNCTION zhitong_audit_force_columns() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
BEGIN
  NEW.seq := nextval('public.audit_seq_seq'::regclass);
  NEW.xid := pg_current_xact_id();
  NEW.at := clock_timestamp();
  RETURN NEW;
END
$$;
--> statement-breakpoint
ALTER FUNCTION zhitong_refuse_change() SET search_path = pg_catalog, pg_temp;
