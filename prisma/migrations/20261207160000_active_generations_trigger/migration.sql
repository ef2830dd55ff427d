-- Account.activeGenerations (the queue bound's count) goes down in the database itself, whenever a generation leaves
-- QUEUED/PROCESSING or is deleted while in them, instead of in each of the code paths that finish, fail or cancel
-- one: a path added later, or a status changed by hand, cannot leave the count too high. The statement that inserts
-- generations still raises it (lib/generations/admission-rules.ts), in the same UPDATE that the admission's limits
-- are checked by. Every writer that ends a generation takes the account's row lock first (lib/limits/lock-account.ts),
-- so this UPDATE of the account row never waits on a lock in the wrong order.
CREATE FUNCTION "generation_left_active"() RETURNS trigger AS $$
BEGIN
  UPDATE "Account" SET "activeGenerations" = GREATEST("activeGenerations" - 1, 0) WHERE id = OLD."accountId";
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER "Generation_left_active" AFTER UPDATE OF status ON "Generation"
  FOR EACH ROW WHEN (OLD.status IN ('QUEUED', 'PROCESSING') AND NEW.status NOT IN ('QUEUED', 'PROCESSING'))
  EXECUTE FUNCTION "generation_left_active"();

CREATE TRIGGER "Generation_deleted_active" AFTER DELETE ON "Generation"
  FOR EACH ROW WHEN (OLD.status IN ('QUEUED', 'PROCESSING'))
  EXECUTE FUNCTION "generation_left_active"();
