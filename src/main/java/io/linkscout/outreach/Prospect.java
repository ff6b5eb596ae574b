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
import jakarta.persistence.PrePersist;
import jakarta.persistence.PreUpdate;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/**
 * A site (registrable domain) to contact in a campaign: the evidence page, the score and its explanation as they
 * were when it was added, contacts, status, notes and the won link. Optimistically locked by {@link #version}.
 */
@Entity
@Table(name = "prospect")
public class Prospect extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "campaign_id", nullable = false)
    public Campaign campaign;

    @Column(nullable = false)
    public String domain;

    @Column(name = "page_url")
    public String pageUrl;

    @Column(name = "page_title")
    public String pageTitle;

    public Double score;

    public Double authority;

    /** The top reasons as one line ("Names your title (+1.20); ..."). */
    public String reasons;

    /** The full explanation as JSON (contributions, matched topics, evidence, flags, model) at the time. */
    @Column(name = "explanation_json")
    public String explanationJson;

    /** Where it came from: shortlist, manual, or a job's name. */
    @Column(nullable = false)
    public String source;

    /** Contact e-mail addresses found in the index, separated by newlines. */
    @Column(name = "contact_emails")
    public String contactEmails;

    @Column(name = "contact_url")
    public String contactUrl;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public ProspectStatus status = ProspectStatus.NEW;

    public String notes;

    @Column(name = "won_url")
    public String wonUrl;

    /**
     * Where the won link must point: a normalised URL, or a host/registrable domain (any page of it counts).
     * {@code linkscout monitor} checks for it on {@link #wonUrl}.
     */
    @Column(name = "won_target")
    public String wonTarget;

    /** When it last moved to CONTACTED (the contacted-recently rule reads this). */
    @Column(name = "contacted_at")
    public Instant contactedAt;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    /** Marked as a toxic domain in this campaign (listed by the disavow export, left out of outreach-tool exports). */
    @Column(nullable = false)
    public boolean toxic;

    @Version
    public long version;

    public List<String> emails() {
        return contactEmails == null || contactEmails.isBlank() ? List.of()
                : Arrays.stream(contactEmails.split("\n")).filter(s -> !s.isBlank()).toList();
    }

    @PrePersist
    void created() {
        createdAt = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MICROS);
        updatedAt = createdAt;
    }

    @PreUpdate
    void updated() {
        updatedAt = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MICROS);
    }
}
