package io.wapipeline.bench;

import java.util.List;

/**
 * One attack's line of the hostile suite's table.
 *
 * @param attack  what the attacker did
 * @param signed  how the signed webhooks sent meanwhile were answered
 * @param outcome what the ingest showed: the attackers' answers, threads, memory, probes
 * @param bar     what must hold
 * @param held    whether it did
 */
record HostileRow(String attack, String signed, String outcome, String bar, boolean held) {

    static final List<String> COLUMNS = List.of("attack", "signed webhooks meanwhile", "outcome", "bar", "");


    List<String> cells() {
        return List.of(attack, signed, outcome, bar, held ? "held" : "**FAILED**");
    }
}
