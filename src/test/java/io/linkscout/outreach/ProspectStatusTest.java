package io.linkscout.outreach;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.linkscout.error.UserException;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The status machine: exactly the documented transitions, for every pair of states. */
class ProspectStatusTest {

    static final Map<ProspectStatus, Set<ProspectStatus>> TABLE = Map.of(
            ProspectStatus.NEW, EnumSet.of(ProspectStatus.QUALIFIED, ProspectStatus.REJECTED),
            ProspectStatus.QUALIFIED, EnumSet.of(ProspectStatus.CONTACTED, ProspectStatus.REJECTED),
            ProspectStatus.CONTACTED, EnumSet.of(ProspectStatus.REPLIED, ProspectStatus.WON, ProspectStatus.LOST),
            ProspectStatus.REPLIED, EnumSet.of(ProspectStatus.WON, ProspectStatus.LOST),
            ProspectStatus.WON, EnumSet.of(ProspectStatus.LOST),
            ProspectStatus.LOST, EnumSet.of(ProspectStatus.QUALIFIED),
            ProspectStatus.REJECTED, EnumSet.of(ProspectStatus.NEW));

    @Test
    void everyPairIsAllowedExactlyWhenTheTableSaysSo() {
        int allowed = 0;
        for (ProspectStatus from : ProspectStatus.values()) {
            for (ProspectStatus to : ProspectStatus.values()) {
                assertEquals(TABLE.get(from).contains(to), from.canMoveTo(to), from + " -> " + to);
                allowed += from.canMoveTo(to) ? 1 : 0;
            }
        }
        assertEquals(12, allowed);
    }

    @Test
    void noStateMovesToItselfAndEveryStateIsReachableFromNew() {
        Set<ProspectStatus> seen = EnumSet.of(ProspectStatus.NEW);
        for (int i = 0; i < ProspectStatus.values().length; i++) {
            for (ProspectStatus s : EnumSet.copyOf(seen)) {
                seen.addAll(s.next());
            }
        }
        assertEquals(EnumSet.allOf(ProspectStatus.class), seen);
        for (ProspectStatus s : ProspectStatus.values()) {
            assertEquals(false, s.canMoveTo(s), s.name());
        }
    }

    @Test
    void parsing() {
        assertEquals(ProspectStatus.WON, ProspectStatus.parse(" won "));
        assertEquals("unknown status \"maybe\": use one of NEW, QUALIFIED, CONTACTED, REPLIED, WON, LOST, REJECTED",
                assertThrows(UserException.class, () -> ProspectStatus.parse("maybe")).getMessage());
    }
}
