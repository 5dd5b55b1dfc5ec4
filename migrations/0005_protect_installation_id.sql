-- The installation id names the audit anchor file outside the database; changing or deleting it
-- would point `audit verify` at an empty file. Once written it stays.
CREATE FUNCTION zhitong_keep_installation_id() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
BEGIN
  IF OLD.key = 'installation_id' THEN
    RAISE EXCEPTION 'the installation id cannot be changed' USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF TG_OP = 'DELETE' THEN
    RETURN OLD;
  END IF;
  RETURN NEW;
END
$$;
--> statement-breakpoint
CREATE TRIGGER settings_keep_installation_id BEFORE UPDATE OR DELETE ON settings FOR EACH ROW EXECUTE FUNCTION zhitong_keep_installation_id();
