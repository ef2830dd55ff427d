-- The language a person reads the dashboard and their mails in (en, ru); null until they choose or sign up.
ALTER TABLE "User" ADD COLUMN "locale" TEXT;

-- The language of the sign-up page, so the confirmation mail and the new user start in it.
ALTER TABLE "SignUpRequest" ADD COLUMN "locale" TEXT;
