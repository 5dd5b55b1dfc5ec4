-- Every change to the reference data a process caches moves reference_version to a new number from a
-- sequence; sequences do not roll back, so a number seen inside a transaction that rolled back is never
-- the committed version later (src/store/reference-cache.ts). Statement triggers: one bump per statement.
CREATE SEQUENCE reference_version_seq;
--> statement-breakpoint
INSERT INTO reference_version (singleton, version) VALUES (true, nextval('reference_version_seq'));
--> statement-breakpoint
CREATE FUNCTION zhitong_bump_reference_version() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
BEGIN
  UPDATE public.reference_version SET version = nextval('public.reference_version_seq'::regclass);
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER units_reference_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON units FOR EACH STATEMENT EXECUTE FUNCTION zhitong_bump_reference_version();
--> statement-breakpoint
-- Sign-ins and password changes update users all day; only the unit and activity shape the unit tree.
CREATE TRIGGER users_reference_version AFTER INSERT OR DELETE OR TRUNCATE ON users FOR EACH STATEMENT EXECUTE FUNCTION zhitong_bump_reference_version();
--> statement-breakpoint
CREATE TRIGGER users_unit_reference_version AFTER UPDATE OF unit_id, active ON users FOR EACH STATEMENT EXECUTE FUNCTION zhitong_bump_reference_version();
--> statement-breakpoint
CREATE TRIGGER role_grants_reference_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON role_grants FOR EACH STATEMENT EXECUTE FUNCTION zhitong_bump_reference_version();
--> statement-breakpoint
CREATE TRIGGER calendar_years_reference_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON calendar_years FOR EACH STATEMENT EXECUTE FUNCTION zhitong_bump_reference_version();
--> statement-breakpoint
CREATE TRIGGER deadline_policies_reference_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON deadline_policies FOR EACH STATEMENT EXECUTE FUNCTION zhitong_bump_reference_version();
--> statement-breakpoint
CREATE TRIGGER routing_rules_reference_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON routing_rules FOR EACH STATEMENT EXECUTE FUNCTION zhitong_bump_reference_version();
--> statement-breakpoint
CREATE TRIGGER sealed_group_members_reference_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON sealed_group_members FOR EACH STATEMENT EXECUTE FUNCTION zhitong_bump_reference_version();
