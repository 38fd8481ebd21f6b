package dev.intake.examples.cascadia;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * What an Import API request asks for, apart from its rows: the kind, the caller, the target and
 * the BOM relationships to wire after the rows.
 *
 * @param kind parts, documents or issues
 * @param caller who asks
 * @param design the design (parts and documents)
 * @param branch the branch of that design, if any
 * @param program the program (issues), if any
 * @param bypassBranchProtection whether to create on main in a post-release design
 * @param bom the BOM relationships (parts), in request order
 */
public record CascadiaRequest(CascadiaKind kind, Caller caller, Optional<UUID> design, Optional<UUID> branch,
        Optional<UUID> program, boolean bypassBranchProtection, List<BomEntry> bom) {

    /**
     * Validates and copies the components. /
     *
     * @param kind parts, documents or issues
     * @param caller who asks
     * @param design the design (parts and documents)
     * @param branch the branch of that design, if any
     * @param program the program (issues), if any
     * @param bypassBranchProtection whether to create on main in a post-release design
     * @param bom the BOM relationships (parts), in request order
     */
    public CascadiaRequest {
        Objects.requireNonNull(kind, "kind must not be null");
        Objects.requireNonNull(caller, "caller must not be null");
        Objects.requireNonNull(design, "design must not be null");
        Objects.requireNonNull(branch, "branch must not be null");
        Objects.requireNonNull(program, "program must not be null");
        bom = List.copyOf(bom);
    }

    /** The name under which the request travels in an {@code ImportContext}. */
    public static final String CONTEXT_ATTRIBUTE = "cascadia.request";
}
