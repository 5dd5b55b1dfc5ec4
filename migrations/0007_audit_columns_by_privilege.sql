-- The application role may no longer name seq, xid or at on INSERT (column privileges granted at
-- start-up, src/store/roles.ts), so their defaults always apply; the trigger that forced them goes.
DROP TRIGGER audit_force_columns ON audit;
--> statement-breakpoint
DROP FUNCTION zhitong_audit_force_columns();
