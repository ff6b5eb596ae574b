package io.linkscout.monitor;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** One re-check of a won link (table {@code link_check}, migration V4); rows are never changed. */
@Entity
@Table(name = "link_check")
public class LinkCheck extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "prospect_id", nullable = false)
    public long prospectId;

    @Column(name = "checked_at", nullable = false)
    public Instant checkedAt;

    @Column(name = "page_url", nullable = false)
    public String pageUrl;

    @Column(nullable = false)
    public String target;

    @Column(nullable = false)
    public String outcome;

    @Column(nullable = false)
    public boolean live;

    @Column(name = "link_present", nullable = false)
    public boolean linkPresent;

    public String rel;

    public String anchor;

    @Column(name = "http_status")
    public Integer httpStatus;

    @Column(name = "redirect_url")
    public String redirectUrl;

    @Column(nullable = false)
    public boolean noindex;

    @Column(name = "noindex_source")
    public String noindexSource;

    @Enumerated(EnumType.STRING)
    public LinkFlag flag;

    public String evidence;
}
