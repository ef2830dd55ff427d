-- Warnings as data beside the English sentences: {code, message, field, provider, value, used, params} per warning,
-- so the dashboard words them in the reader's language. Null on generations stored before (read as NOTICE).
-- AlterTable
ALTER TABLE "Generation" ADD COLUMN     "warningDetails" JSONB;
