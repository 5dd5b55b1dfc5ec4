CREATE TABLE "stats_cases" (
	"case_id" uuid PRIMARY KEY NOT NULL,
	"sealed" boolean NOT NULL,
	"keys" text[] NOT NULL,
	"facts" jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "stats_pending" (
	"case_id" uuid PRIMARY KEY NOT NULL
);
--> statement-breakpoint
CREATE TABLE "stats_rollup" (
	"key" text NOT NULL,
	"grain" text NOT NULL,
	"day" date NOT NULL,
	"metric" text NOT NULL,
	"dim" text NOT NULL,
	"value" text NOT NULL,
	"sealed" boolean NOT NULL,
	"n" integer NOT NULL,
	CONSTRAINT "stats_rollup_pkey" PRIMARY KEY("key","grain","day","metric","dim","value","sealed"),
	CONSTRAINT "stats_rollup_grain" CHECK ("stats_rollup"."grain" IN ('d', 'm'))
);
--> statement-breakpoint
CREATE TABLE "stats_state" (
	"singleton" boolean PRIMARY KEY DEFAULT true NOT NULL,
	"timezone" text NOT NULL,
	"rebuilt_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
-- Every change a statistic depends on marks its case in the same transaction, so the roll-up job and the
-- readers know which cases' stored contributions are stale (src/queries/stats/). ON CONFLICT: a case
-- marked twice is folded in once.
CREATE FUNCTION zhitong_stats_mark_case() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
BEGIN
  IF TG_TABLE_NAME = 'cases' THEN
    INSERT INTO public.stats_pending (case_id) VALUES (NEW.id) ON CONFLICT DO NOTHING;
  ELSIF TG_OP = 'DELETE' THEN
    INSERT INTO public.stats_pending (case_id) VALUES (OLD.case_id) ON CONFLICT DO NOTHING;
  ELSE
    INSERT INTO public.stats_pending (case_id) VALUES (NEW.case_id) ON CONFLICT DO NOTHING;
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER cases_stats_insert AFTER INSERT ON cases FOR EACH ROW EXECUTE FUNCTION zhitong_stats_mark_case();
--> statement-breakpoint
CREATE TRIGGER cases_stats_update AFTER UPDATE ON cases FOR EACH ROW
  WHEN ((OLD.state, OLD.current_unit_id, OLD.channel, OLD.type, OLD.scope, OLD.problem_type, OLD.police_branch, OLD.public_due, OLD.replied_at,
         OLD.closed_at, OLD.sealed, OLD.is_accusation, OLD.cycle, OLD.created_at, OLD.suspended_since)
        IS DISTINCT FROM
        (NEW.state, NEW.current_unit_id, NEW.channel, NEW.type, NEW.scope, NEW.problem_type, NEW.police_branch, NEW.public_due, NEW.replied_at,
         NEW.closed_at, NEW.sealed, NEW.is_accusation, NEW.cycle, NEW.created_at, NEW.suspended_since))
  EXECUTE FUNCTION zhitong_stats_mark_case();
--> statement-breakpoint
CREATE TRIGGER dispatch_levels_stats AFTER INSERT OR UPDATE OR DELETE ON dispatch_levels FOR EACH ROW EXECUTE FUNCTION zhitong_stats_mark_case();
--> statement-breakpoint
CREATE TRIGGER pending_decisions_stats AFTER INSERT OR UPDATE OR DELETE ON pending_decisions FOR EACH ROW EXECUTE FUNCTION zhitong_stats_mark_case();
--> statement-breakpoint
CREATE TRIGGER follow_ups_stats AFTER INSERT OR UPDATE OR DELETE ON follow_ups FOR EACH ROW EXECUTE FUNCTION zhitong_stats_mark_case();
--> statement-breakpoint
CREATE TRIGGER follow_up_records_stats AFTER INSERT OR UPDATE OR DELETE ON follow_up_records FOR EACH ROW EXECUTE FUNCTION zhitong_stats_mark_case();
--> statement-breakpoint
CREATE TRIGGER timeline_stats AFTER INSERT ON timeline FOR EACH ROW WHEN (NEW.event IN ('reopen', 'close')) EXECUTE FUNCTION zhitong_stats_mark_case();
--> statement-breakpoint
-- A unit moved under another parent changes which heads count the cases its subtree holds; a unit given its
-- first sub-unit gets a roll-up key of its own (src/queries/stats/contributions.ts), so its cases count again.
CREATE FUNCTION zhitong_stats_mark_unit_subtree() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
BEGIN
  INSERT INTO public.stats_pending (case_id)
    WITH RECURSIVE subtree(id) AS (
      SELECT NEW.id UNION SELECT NEW.parent_id WHERE NEW.parent_id IS NOT NULL
      UNION SELECT u.id FROM public.units u JOIN subtree s ON u.parent_id = s.id AND s.id IS DISTINCT FROM NEW.parent_id)
    SELECT DISTINCT d.case_id FROM public.dispatch_levels d
    WHERE d.unit_id IN (SELECT id FROM subtree) OR d.co_unit_ids && ARRAY(SELECT id FROM subtree)
  ON CONFLICT DO NOTHING;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER units_stats AFTER UPDATE OF parent_id ON units FOR EACH ROW WHEN (OLD.parent_id IS DISTINCT FROM NEW.parent_id) EXECUTE FUNCTION zhitong_stats_mark_unit_subtree();
--> statement-breakpoint
CREATE TRIGGER units_stats_insert AFTER INSERT ON units FOR EACH ROW WHEN (NEW.parent_id IS NOT NULL) EXECUTE FUNCTION zhitong_stats_mark_unit_subtree();
--> statement-breakpoint
-- On-time sign-for counts working days: a year's calendar changed re-counts the levels assigned around it
-- (from the December before, whose next working day may fall in the year).
CREATE FUNCTION zhitong_stats_mark_calendar_year() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
DECLARE
  y integer := CASE WHEN TG_OP = 'DELETE' THEN OLD.year ELSE NEW.year END;
BEGIN
  INSERT INTO public.stats_pending (case_id)
    SELECT DISTINCT d.case_id FROM public.dispatch_levels d
    WHERE d.assigned_at >= make_date(y - 1, 12, 1)::timestamptz AND d.assigned_at < make_date(y + 1, 1, 2)::timestamptz
  ON CONFLICT DO NOTHING;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER calendar_years_stats AFTER INSERT OR UPDATE OR DELETE ON calendar_years FOR EACH ROW EXECUTE FUNCTION zhitong_stats_mark_calendar_year();
