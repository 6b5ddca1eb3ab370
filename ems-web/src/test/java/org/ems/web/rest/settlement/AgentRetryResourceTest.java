package org.ems.web.rest.settlement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.ems.security.domain.ModuleId;
import org.ems.settlement.agents.application.AgentDirectory;
import org.ems.settlement.agents.application.AgentDirectory.AgentView;
import org.ems.settlement.agents.application.AgentDirectory.WorkView;
import org.ems.settlement.agents.domain.AgentId;
import org.ems.settlement.agents.domain.AgentRole;
import org.ems.settlement.agents.domain.TransferRef;
import org.ems.settlement.application.CycleId;
import org.ems.web.rest.Refusals;
import org.junit.jupiter.api.Test;

/**
 * {@code POST /api/settlement/agents/{id}/cycles/{cycle}/work/{ref}/retry}: the path takes a ref with
 * its slash, the resource answers 404 for an unknown agent or part and 400 for a ref that names no part
 * (before asking the directory), and a directory's refusal is 409.
 */
class AgentRetryResourceTest {

    private static final AgentId A = new AgentId("A");
    private static final WorkView FAILED = new WorkView("IN.A/1", "PAY", new AgentId("MSA1"), "USD:1400", "-", "FAILED", 3, 3,
            "AMOUNTS_REFUSED");

    /** The directory as the resource sees it: agent A with one FAILED part IN.A/1 of cycle C1; records the retries asked. */
    static final class FakeDirectory extends AgentDirectory {
        final List<String> retried = new ArrayList<>();
        RuntimeException refusal;

        @Override
        public Optional<AgentView> find(AgentId id) {
            return id.equals(A) ? Optional.of(new AgentView(A, AgentRole.CSA, new ModuleId(7), Optional.of(new AgentId("MSA1")),
                    Optional.empty(), true)) : Optional.empty();
        }

        @Override
        public List<WorkView> work(AgentId agent, CycleId cycle) {
            return agent.equals(A) && cycle.value().equals("C1") ? List.of(FAILED) : List.of();
        }

        @Override
        public WorkView retry(AgentId agent, CycleId cycle, TransferRef ref) {
            if (refusal != null) {
                throw refusal;
            }
            retried.add(agent.value() + " " + cycle.value() + " " + ref.encode());
            return new WorkView(FAILED.ref(), FAILED.direction(), FAILED.peer(), FAILED.amounts(), FAILED.settled(), "AWAITING_READY", 3, 0,
                    FAILED.lastOutcome());
        }
    }

    private final FakeDirectory directory = new FakeDirectory();
    private final SettlementResource resource = new SettlementResource();

    {
        resource.agents = directory;
    }

    /** The JAX-RS template of the retry method as a regex ({@code {name: regex}} and {@code {name}} as JAX-RS matches them). */
    private static Pattern retryTemplate() throws NoSuchMethodException {
        Method retry = SettlementResource.class.getMethod("retry", String.class, String.class, String.class);
        assertThat(retry.isAnnotationPresent(POST.class)).isTrue();
        String template = SettlementResource.class.getAnnotation(Path.class).value() + retry.getAnnotation(Path.class).value();
        StringBuilder regex = new StringBuilder();
        Matcher param = Pattern.compile("\\{(\\w+)(?:\\s*:\\s*([^}]+))?}").matcher(template);
        int last = 0;
        while (param.find()) {
            regex.append(Pattern.quote(template.substring(last, param.start())));
            regex.append("(?<").append(param.group(1)).append('>').append(param.group(2) == null ? "[^/]+" : param.group(2).trim()).append(')');
            last = param.end();
        }
        regex.append(Pattern.quote(template.substring(last)));
        return Pattern.compile(regex.toString());
    }

    @Test
    void thePathTakesAPartRefWithItsSlash() throws Exception {
        Matcher m = retryTemplate().matcher("/settlement/agents/A/cycles/PAT-1/work/IN.A/1/retry");
        assertThat(m.matches()).isTrue();
        assertThat(m.group("id")).isEqualTo("A");
        assertThat(m.group("cycle")).isEqualTo("PAT-1");
        assertThat(m.group("ref")).isEqualTo("IN.A/1");
        assertThat(retryTemplate().matcher("/settlement/agents/A/cycles/PAT-1/work/IN.A%2F1/retry").matches()).isTrue();
        assertThat(retryTemplate().matcher("/settlement/agents/A/cycles/PAT-1/work/retry").matches()).isFalse();
    }

    @Test
    void aFailedPartIsRetriedAndReturnedAsJson() {
        AgentJson.Work work = resource.retry("A", "C1", "IN.A/1");
        assertThat(directory.retried).containsExactly("A C1 IN.A/1");
        assertThat(work).isEqualTo(new AgentJson.Work("IN.A/1", "PAY", "MSA1", "USD:1400", "-", "AWAITING_READY", 3, 0, "AMOUNTS_REFUSED"));
    }

    @Test
    void unknownAgentsAndPartsAre404BadRefs400AndARefusal409() {
        // without a JAX-RS runtime a NotFoundException cannot build its response: the 404 shows as its constructor failing
        for (String[] unknown : new String[][] {{"B", "C1", "IN.A/1"}, {"A", "C2", "IN.A/1"}, {"A", "C1", "IN.A/2"}}) {
            assertThatThrownBy(() -> resource.retry(unknown[0], unknown[1], unknown[2])).as(String.join(" ", unknown))
                    .hasStackTraceContaining(NotFoundException.class.getName() + ".<init>");
        }
        for (String bad : List.of("IN.A", "IN.A/5", "IN.A/0", "DEBIT.A/1", "XX.A/1", "IN.a/1", "")) {
            assertThatThrownBy(() -> resource.retry("A", "C1", bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
        assertThat(Refusals.problemFor(new IllegalArgumentException("x")).status()).isEqualTo(400);
        assertThat(directory.retried).isEmpty();

        directory.refusal = new IllegalStateException("IN.A/1 of agent A in cycle C1 is DONE; only a FAILED part is retried");
        assertThatThrownBy(() -> resource.retry("A", "C1", "IN.A/1")).isSameAs(directory.refusal);
        assertThat(Refusals.problemFor(Refusals.unwrap(new jakarta.ejb.EJBException(directory.refusal))).status()).isEqualTo(409);
    }
}
