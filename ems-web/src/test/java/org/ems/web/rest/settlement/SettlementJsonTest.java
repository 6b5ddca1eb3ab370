package org.ems.web.rest.settlement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.ems.money.domain.CurrencyCode;
import org.ems.money.domain.Money;
import org.ems.money.domain.NoteType;
import org.ems.money.protocol.SettlementAmounts;
import org.ems.security.domain.ModuleId;
import org.ems.settlement.agents.domain.AgentId;
import org.ems.settlement.agents.domain.AgentRefusal;
import org.ems.settlement.agents.domain.AgentRefusedException;
import org.ems.settlement.agents.domain.AgentRole;
import org.ems.settlement.gross.domain.SettlementBasis;
import org.ems.settlement.gross.domain.SettlementInstruction;
import org.ems.web.rest.Problem;
import org.ems.web.rest.settlement.InstructionJson.Line;
import org.junit.jupiter.api.Test;

class SettlementJsonTest {

    private static final String SESSION = "00112233445566778899aabbccddeeff";

    @Test
    void aRegistrationParsesWithAndWithoutParent() {
        AgentJson.Registration csa = new AgentJson.RegisterRequest("A", "CSA", 7L, "MSA1").parse();
        assertThat(csa).isEqualTo(new AgentJson.Registration(new AgentId("A"), AgentRole.CSA, new ModuleId(7), Optional.of(new AgentId("MSA1"))));
        assertThat(new AgentJson.RegisterRequest("MSC", "MSC", 8L, null).parse().parent()).isEmpty();
    }

    @Test
    void badRegistrationsAreIllegalArguments() {
        assertThatThrownBy(() -> new AgentJson.RegisterRequest(null, "CSA", 7L, "MSA1").parse())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("required");
        assertThatThrownBy(() -> new AgentJson.RegisterRequest("A", null, 7L, "MSA1").parse()).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new AgentJson.RegisterRequest("A", "CSA", null, "MSA1").parse()).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new AgentJson.RegisterRequest("A", "BANK", 7L, "MSA1").parse())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("MSC, MSA or CSA");
        assertThatThrownBy(() -> new AgentJson.RegisterRequest("a b", "CSA", 7L, "MSA1").parse())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("agent id");
        assertThatThrownBy(() -> new AgentJson.RegisterRequest("A", "CSA", 0L, "MSA1").parse()).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new AgentJson.RegisterRequest("A", "CSA", 7L, "msa1").parse()).isInstanceOf(IllegalArgumentException.class);
    }

    private static InstructionJson.Request request(String basis, String session, List<Line> aSends, List<Line> bSends, String settleAt) {
        return new InstructionJson.Request("G-1", basis, 11L, 12L, session, aSends, bSends, settleAt);
    }

    @Test
    void anInstructionParsesToTheDomainsTermsAndBack() {
        SettlementInstruction parsed = request("BILATERAL", SESSION, List.of(new Line(null, 400, "USD")),
                List.of(new Line("CURRENCY", 400, "JPY")), "2026-12-01T10:00:00.123456Z").parse();

        assertThat(parsed.basis()).isEqualTo(SettlementBasis.BILATERAL);
        assertThat(parsed.a()).isEqualTo(new ModuleId(11));
        assertThat(parsed.session().toString()).isEqualTo(SESSION);
        assertThat(parsed.aSends()).isEqualTo(SettlementAmounts.ofCurrency(Money.of(CurrencyCode.of("USD"), 400)));
        assertThat(parsed.settleAt()).isEqualTo(Instant.parse("2026-12-01T10:00:00.123Z"));
        assertThat(parsed.bSends().lines()).singleElement().satisfies(l -> assertThat(l.type()).isEqualTo(NoteType.CURRENCY));
        assertThat(InstructionJson.lines(parsed.bSends())).containsExactly(new Line("CURRENCY", 400, "JPY"));
        assertThat(request("GROSS", SESSION, null, List.of(new Line("CREDIT", 5, "EUR")), "2026-12-01T10:00:00Z").parse().aSends().isEmpty())
                .isTrue();
    }

    @Test
    void badInstructionsAreIllegalArguments() {
        List<Line> usd = List.of(new Line(null, 400, "USD"));
        assertThatThrownBy(() -> request(null, SESSION, usd, null, "2026-12-01T10:00:00Z").parse())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("required");
        assertThatThrownBy(() -> request("NET", SESSION, usd, null, "2026-12-01T10:00:00Z").parse())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("GROSS or BILATERAL");
        assertThatThrownBy(() -> request("GROSS", "xyz", usd, null, "2026-12-01T10:00:00Z").parse())
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> request("GROSS", SESSION, usd, null, "tomorrow").parse())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ISO 8601");
        assertThatThrownBy(() -> request("GROSS", SESSION, List.of(new Line("GOLD", 1, "USD")), null, "2026-12-01T10:00:00Z").parse())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("CURRENCY or CREDIT");
        assertThatThrownBy(() -> request("GROSS", SESSION, List.of(new Line(null, 0, "USD")), null, "2026-12-01T10:00:00Z").parse())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("positive");
        assertThatThrownBy(() -> request("GROSS", SESSION, List.of(new Line(null, 1, null)), null, "2026-12-01T10:00:00Z").parse())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("currency");
        assertThatThrownBy(() -> request("GROSS", SESSION, List.of(new Line(null, 1, "ZZZ")), null, "2026-12-01T10:00:00Z").parse())
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> request("GROSS", SESSION, null, null, "2026-12-01T10:00:00Z").parse())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("nothing moves");
        assertThatThrownBy(() -> request("GROSS", SESSION, usd, List.of(new Line(null, 1, "USD")), "2026-12-01T10:00:00Z").parse())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("both sides");
        assertThatThrownBy(() -> new InstructionJson.Request("G-1", "GROSS", 11L, 11L, SESSION, usd, null, "2026-12-01T10:00:00Z").parse())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("same module");
        assertThatThrownBy(() -> new InstructionJson.Request("-G", "GROSS", 11L, 12L, SESSION, usd, null, "2026-12-01T10:00:00Z").parse())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("instruction id");
    }

    @Test
    void anAgentRefusalIs422WithItsCode() {
        Problem problem = org.ems.web.rest.Refusals.problemFor(new AgentRefusedException(AgentRefusal.WRONG_STATE, "after the decision"));
        assertThat(problem.status()).isEqualTo(422);
        assertThat(problem.code()).isEqualTo("agent.WRONG_STATE");
        assertThat(problem.message()).contains("after the decision");
    }
}
