package io.linkscout.outreach;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Locale;

/** A registrable domain never to suggest: for one campaign, or for all ({@link #campaign} null). */
@Entity
@Table(name = "exclusion")
public class Exclusion extends PanacheEntityBase {

    /** Why a domain is excluded. */
    public enum Reason {
        ALREADY_LINKING, COMPETITOR, BLOCKLIST, OTHER;

        public static Reason parse(String s) {
            if (s == null || s.isBlank()) {
                return OTHER;
            }
            try {
                return valueOf(s.strip().toUpperCase(Locale.ROOT).replace('-', '_').replace(' ', '_'));
            } catch (IllegalArgumentException e) {
                throw new io.linkscout.error.UserException("unknown exclusion reason \"" + s
                        + "\": use one of already_linking, competitor, blocklist, other");
            }
        }
    }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "campaign_id")
    public Campaign campaign;

    @Column(nullable = false)
    public String domain;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Reason reason;

    public String note;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
}
