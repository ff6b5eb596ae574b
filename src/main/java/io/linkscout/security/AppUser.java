package io.linkscout.security;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A person who logs in: name, bcrypt password hash, role. */
@Entity
@Table(name = "app_user")
public class AppUser extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(nullable = false, length = 100)
    public String name;

    @Column(name = "password_hash", nullable = false, length = 100)
    public String passwordHash;

    /** viewer, editor or admin ({@link Role#id()}). */
    @Column(nullable = false, length = 10)
    public String role;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    public Role role() {
        return Role.parse(role);
    }
}
