-- Issue #16 "Won links, watched": a won prospect records the expected target of its link (URL or domain) beside
-- the linking page (won_url, V1), and every re-check of that page by `linkscout monitor` is a row of link_check.

alter table prospect add column won_target varchar(2048);

create table link_check (
    id             bigserial primary key,
    prospect_id    bigint        not null references prospect (id) on delete cascade,
    checked_at     timestamptz   not null,
    page_url       varchar(2048) not null,
    target         varchar(2048) not null,
    -- ok, http, robots, dns, timeout, connection refused, tls, too large, non-html, too many redirects, ...
    outcome        varchar(40)   not null,
    live           boolean       not null,
    link_present   boolean       not null,
    -- follow, or the rel tokens that withhold endorsement: nofollow, ugc, sponsored (space-separated)
    rel            varchar(40),
    anchor         varchar(1000),
    http_status    integer,
    redirect_url   varchar(2048),
    noindex        boolean       not null,
    noindex_source varchar(500),
    flag           varchar(20) check (flag in ('LINK_LOST', 'LINK_NOFOLLOW', 'PAGE_GONE')),
    evidence       varchar(4000)
);
-- the prospect's history (newest first) and the monitor's "oldest last check first" order
create index link_check_prospect on link_check (prospect_id, checked_at desc, id desc);
