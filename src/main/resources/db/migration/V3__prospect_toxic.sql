-- Issue #16: a prospect's domain can be marked toxic in its campaign; the disavow export lists those domains.
-- (V2 is taken by another change in parallel; Flyway orders by version, gaps are fine.)

alter table prospect add column toxic boolean not null default false;
create index prospect_campaign_toxic on prospect (campaign_id) where toxic;
