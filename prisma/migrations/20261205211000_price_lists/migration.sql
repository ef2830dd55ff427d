-- Prices move from code to the database (issue 21): per model (provider and generation type) a versioned price
-- list with the numbers of the vendor's cost formula (`rates`, whose shape stays in lib/providers/catalog) and our
-- markup, in force from `effectiveFrom`. Versions are append-only: a change is a new row, never an edit.

CREATE TABLE "PriceVersion" (
  "id" TEXT NOT NULL,
  "providerId" TEXT NOT NULL,
  "type" "GenerationType" NOT NULL,
  "version" INTEGER NOT NULL,
  "rates" JSONB NOT NULL,
  "markup" DECIMAL(8,4) NOT NULL,
  "effectiveFrom" TIMESTAMP(3) NOT NULL,
  "reason" TEXT NOT NULL,
  "createdBy" TEXT NOT NULL,
  "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  CONSTRAINT "PriceVersion_pkey" PRIMARY KEY ("id"),
  CONSTRAINT "PriceVersion_markup_positive" CHECK ("markup" > 0)
);

CREATE UNIQUE INDEX "PriceVersion_providerId_type_version_key" ON "PriceVersion"("providerId", "type", "version");
CREATE INDEX "PriceVersion_providerId_type_effectiveFrom_idx" ON "PriceVersion"("providerId", "type", "effectiveFrom");

-- Price history is append-only, like the audit log: no UPDATE, no DELETE.
CREATE FUNCTION "price_version_append_only"() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION 'price history is append-only (% refused)', TG_OP;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER "PriceVersion_append_only"
BEFORE UPDATE OR DELETE ON "PriceVersion"
FOR EACH ROW EXECUTE FUNCTION "price_version_append_only"();

-- What each generation was charged under and what it cost us (US cents), recorded at acceptance.
ALTER TABLE "Generation" ADD COLUMN "priceVersionId" TEXT;
ALTER TABLE "Generation" ADD COLUMN "vendorCost" DECIMAL(14,4);
ALTER TABLE "Generation" ADD CONSTRAINT "Generation_priceVersionId_fkey" FOREIGN KEY ("priceVersionId") REFERENCES "PriceVersion"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
CREATE INDEX "Generation_completedAt_idx" ON "Generation"("completedAt");

-- The first version of every list: the numbers the code priced with until now (markup 1: the code's credits were
-- the vendor's list price in US cents, rounded up), in force from the start. tests/domain/prices-seed.test.ts
-- prices a spread of 2,226 requests with it and compares each with what the code charged.
INSERT INTO "PriceVersion" ("id", "providerId", "type", "version", "rates", "markup", "effectiveFrom", "reason", "createdBy")
SELECT v."id", v."providerId", v."type"::"GenerationType", v."version", v."rates", 1, TIMESTAMP '2000-01-01 00:00:00', 'Prices as the code had them before they moved to the database (issue 21)', 'seed'
FROM (VALUES
  ('prc_seed_kling_video', 'kling', 'VIDEO', 1, '{"1.0.std.per5s":14,"1.0.pro.per5s":49,"2.0.std.per5s":140,"2.0.pro.per5s":140,"2.5-turbo.std.per5s":21,"2.5-turbo.pro.per5s":35,"2.6.std.per5s":21,"2.6.pro.per5s":35,"3.0.std.per5s":89,"3.0.pro.per5s":118}'::jsonb),
  ('prc_seed_minimax_video', 'minimax', 'VIDEO', 1, '{"hailuo-02.512p.6s":10,"hailuo-02.512p.10s":15,"hailuo-02.768p.6s":28,"hailuo-02.768p.10s":56,"hailuo-02.1080p.6s":49,"hailuo-2.3.768p.6s":28,"hailuo-2.3.768p.10s":56,"hailuo-2.3.1080p.6s":49,"hailuo-2.3-fast.768p.6s":19,"hailuo-2.3-fast.768p.10s":32,"hailuo-2.3-fast.1080p.6s":33}'::jsonb),
  ('prc_seed_veo_video', 'veo', 'VIDEO', 1, '{"veo-3.1.720p.perSecond":40,"veo-3.1.1080p.perSecond":40,"veo-3.1.4k.perSecond":60,"veo-3.1-fast.720p.perSecond":10,"veo-3.1-fast.1080p.perSecond":12,"veo-3.1-fast.4k.perSecond":30,"veo-3.1-lite.720p.perSecond":5,"veo-3.1-lite.1080p.perSecond":8}'::jsonb),
  ('prc_seed_runway_video', 'runway', 'VIDEO', 1, '{"gen-4.5.perSecond":12,"gen-4.perSecond":5}'::jsonb),
  ('prc_seed_luma_video', 'luma', 'VIDEO', 1, '{"ray-2.usdPerMegapixel":0.0064,"ray-flash-2.usdPerMegapixel":0.0022}'::jsonb),
  ('prc_seed_viggle_video', 'viggle', 'VIDEO', 1, '{"perSecond":3,"fastMultiplier":2}'::jsonb),
  ('prc_seed_seedance_video', 'seedance', 'VIDEO', 1, '{"1.5-pro.usdPerMillionTokens":1.2,"pro.usdPerMillionTokens":2.5,"pro-fast.usdPerMillionTokens":0.7,"lite.usdPerMillionTokens":1.8}'::jsonb),
  ('prc_seed_topview_video', 'topview', 'VIDEO', 1, '{"perSecond":2}'::jsonb),
  ('prc_seed_imagen_image', 'imagen', 'IMAGE', 1, '{"nano-banana-2.1.1K.perImage":4,"nano-banana-2.1.2K.perImage":6,"nano-banana-2.1.4K.perImage":12,"nano-banana-pro.1K.perImage":14,"nano-banana-pro.2K.perImage":14,"nano-banana-pro.4K.perImage":24,"nano-banana-2.512.perImage":5,"nano-banana-2.1K.perImage":7,"nano-banana-2.2K.perImage":11,"nano-banana-2.4K.perImage":16,"nano-banana-2-lite.1K.perImage":4}'::jsonb),
  ('prc_seed_flux_dev_image', 'flux-dev', 'IMAGE', 1, '{"perImage":3}'::jsonb),
  ('prc_seed_flux_pro_image', 'flux-pro', 'IMAGE', 1, '{"perImage":5}'::jsonb),
  ('prc_seed_flux_1_1_pro_image', 'flux-1.1-pro', 'IMAGE', 1, '{"perImage":4}'::jsonb),
  ('prc_seed_flux_ultra_image', 'flux-ultra', 'IMAGE', 1, '{"perImage":6}'::jsonb),
  ('prc_seed_flux_kontext_image', 'flux-kontext', 'IMAGE', 1, '{"pro.perImage":4,"max.perImage":8}'::jsonb),
  ('prc_seed_flux_fast_image', 'flux-fast', 'IMAGE', 1, '{"perImage":1}'::jsonb),
  ('prc_seed_kolors_image', 'kolors', 'IMAGE', 1, '{"1.0.perImage":1,"1k.perImage":2,"2k.perImage":3}'::jsonb),
  ('prc_seed_stable_diffusion_image', 'stable-diffusion', 'IMAGE', 1, '{"core.perImage":3,"ultra.perImage":8,"sd3.5-large.perImage":7,"sd3.5-large-turbo.perImage":4,"sd3.5-medium.perImage":4}'::jsonb),
  ('prc_seed_hedra_avatar', 'hedra', 'AVATAR', 1, '{"540p.perSecond":3,"720p.perSecond":4,"1080p.perSecond":6,"minBilledSeconds":5,"tts.per1000Chars":9}'::jsonb),
  ('prc_seed_heygen_avatar', 'heygen', 'AVATAR', 1, '{"avatar.per100Seconds":667,"talking_photo.per100Seconds":500}'::jsonb),
  ('prc_seed_elevenlabs_audio', 'elevenlabs', 'AUDIO', 1, '{"standard.per1000Chars":30,"fast.per1000Chars":15}'::jsonb),
  ('prc_seed_google_tts_audio', 'google-tts', 'AUDIO', 1, '{"studio.per1000Chars":16,"chirp.per1000Chars":3,"neural2.per1000Chars":1.6,"standard.per1000Chars":0.4}'::jsonb),
  ('prc_seed_local_image', 'local', 'IMAGE', 1, '{"perImage":1}'::jsonb),
  ('prc_seed_local_video', 'local', 'VIDEO', 1, '{"per5s":2,"1080p.per5s":3}'::jsonb),
  ('prc_seed_local_audio', 'local', 'AUDIO', 1, '{"perClip":1}'::jsonb),
  ('prc_seed_local_avatar', 'local', 'AVATAR', 1, '{"perClip":3}'::jsonb)
) AS v("id", "providerId", "type", "version", "rates");
