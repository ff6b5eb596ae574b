package io.linkscout.api;

import io.linkscout.security.Role;
import io.linkscout.security.UserService;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.TreeSet;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Users and personal API tokens (admin), and {@code GET /api/me} (anyone logged in). */
@Path("/api")
@ApplicationScoped
@Tag(name = "users", description = "Users, roles and personal API tokens")
@Produces(MediaType.APPLICATION_JSON)
public class UsersResource {

    @Inject
    UserService users;

    @Inject
    SecurityIdentity identity;

    @Schema(name = "UserRequest")
    public record UserRequest(@Schema(description = "Login name (on create)") String name,
            @Schema(enumeration = {"viewer", "editor", "admin"}) String role,
            @Schema(description = "At least 10 characters") String password) {
    }

    @Schema(name = "TokenRequest")
    public record TokenRequest(@Schema(required = true, description = "What the token is for") String label) {
    }

    public record Me(String name, String role, List<String> roles, String authenticatedBy) {
    }

    @GET
    @Path("/me")
    @Authenticated
    public Me me() {
        TreeSet<String> roles = new TreeSet<>(identity.getRoles());
        String role = roles.contains(Role.ADMIN_NAME) ? Role.ADMIN_NAME
                : roles.contains(Role.EDITOR_NAME) ? Role.EDITOR_NAME : Role.VIEWER_NAME;
        Object how = identity.getAttribute(AuthIdentityProviders.AUTH_METHOD);
        return new Me(identity.getPrincipal().getName(), role, List.copyOf(roles), how == null ? null : how.toString());
    }

    @GET
    @Path("/users")
    @RolesAllowed(Role.ADMIN_NAME)
    public List<UserService.UserView> list() {
        return users.list();
    }

    @POST
    @Path("/users")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Role.ADMIN_NAME)
    public Response add(UserRequest r) {
        UserRequest q = r == null ? new UserRequest(null, null, null) : r;
        return Response.status(201).entity(users.add(q.name(), q.role(), q.password())).build();
    }

    @GET
    @Path("/users/{name}")
    @RolesAllowed(Role.ADMIN_NAME)
    public UserService.UserView get(@PathParam("name") String name) {
        return users.get(name);
    }

    @PATCH
    @Path("/users/{name}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Role.ADMIN_NAME)
    public UserService.UserView update(@PathParam("name") String name, UserRequest r) {
        UserService.UserView v = null;
        if (r != null && r.role() != null) {
            v = users.setRole(name, r.role());
        }
        if (r != null && r.password() != null) {
            v = users.setPassword(name, r.password());
        }
        return v == null ? users.get(name) : v;
    }

    @DELETE
    @Path("/users/{name}")
    @RolesAllowed(Role.ADMIN_NAME)
    public Response remove(@PathParam("name") String name) {
        users.remove(name);
        return Response.noContent().build();
    }

    @GET
    @Path("/users/{name}/tokens")
    @RolesAllowed(Role.ADMIN_NAME)
    public List<UserService.TokenView> tokens(@PathParam("name") String name) {
        return users.tokens(name);
    }

    @POST
    @Path("/users/{name}/tokens")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Role.ADMIN_NAME)
    public Response createToken(@PathParam("name") String name, TokenRequest r) {
        return Response.status(201).entity(users.createToken(name, r == null ? null : r.label())).build();
    }

    @DELETE
    @Path("/tokens/{id}")
    @RolesAllowed(Role.ADMIN_NAME)
    public UserService.TokenView revoke(@PathParam("id") long id) {
        return users.revoke(id, null);
    }
}
