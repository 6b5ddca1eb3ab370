package org.ems.web.portal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.ejb.EJBException;
import jakarta.servlet.http.Part;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import org.ems.csm.domain.ClaimRejectedException;
import org.ems.csm.domain.ClaimRejection;
import org.junit.jupiter.api.Test;

/** What the claim pages tell the CSR about a refused claim, and how an upload is read and bounded. */
class ClaimPagesTest {

    @Test
    void aRefusedClaimIsItsReasonAndTheCsmsDetail() {
        ClaimRejectedException tampered = new ClaimRejectedException(ClaimRejection.BAD_SIGNATURE, "sigma_M does not verify");
        assertThat(ClaimsFacade.refusal(tampered.reason(), tampered.getMessage()))
                .isEqualTo("Refused: the claim is not signed by the money module (sigma_M does not verify). Nothing was filed.");
        ClaimRejectedException nested = new ClaimRejectedException(ClaimRejection.NOTE_INVALID, "note 7 (EXPIRED) of module 9");
        assertThat(ClaimsFacade.refusal(nested.reason(), nested.getMessage()))
                .isEqualTo("Refused: a note's certificates or signatures in the claim are invalid (note 7 (EXPIRED) of module 9). "
                        + "Nothing was filed.");
        assertThat(ClaimsFacade.refusal(ClaimRejection.AMOUNT_INCONSISTENT, null))
                .isEqualTo("Refused: a transfer in the claim exceeds what its transferor received. Nothing was filed.");
    }

    @Test
    void noFailedCommitsIsSaidAsSuch() {
        assertThat(ClaimsFacade.refusal(ClaimRejection.NO_FAILED_COMMITS, "NO_FAILED_COMMITS: x (y)"))
                .isEqualTo("There are no failed commits to claim: nothing was filed.");
    }

    @Test
    void aRefusalComingThroughTheEjbIsUnwrappedAnythingElseIsNot() {
        assertThatThrownBy(() -> ClaimsFacade.refusing(() -> {
            throw new EJBException(new ClaimRejectedException(ClaimRejection.AMOUNT_INCONSISTENT, "note 3 pays 20 of 10"));
        })).isInstanceOf(Claims.Refused.class)
                .hasMessage("Refused: a transfer in the claim exceeds what its transferor received (note 3 pays 20 of 10). "
                        + "Nothing was filed.");
        assertThatThrownBy(() -> ClaimsFacade.refusing(() -> {
            throw new ClaimRejectedException(ClaimRejection.MODULE_CERTIFICATE_INVALID, "expired when created");
        })).isInstanceOf(Claims.Refused.class).hasMessageContaining("the money module's certificate is invalid (expired when created)");
        assertThatThrownBy(() -> ClaimsFacade.refusing(() -> {
            throw new EJBException(new IllegalArgumentException("a claim id is 32 lower-case hex digits"));
        })).isInstanceOf(Claims.Refused.class).hasMessage("Refused: a claim id is 32 lower-case hex digits.");
        EJBException broken = new EJBException(new IllegalStateException("database down"));
        assertThatThrownBy(() -> ClaimsFacade.refusing(() -> {
            throw broken;
        })).as("a failure is no refusal").isSameAs(broken);
        assertThat(ClaimsFacade.refusing(() -> "filed")).isEqualTo("filed");
    }

    @Test
    void anUploadIsReadWhole() {
        byte[] file = {1, 2, 3, 4};
        assertThat(LostModuleClaimBean.read(new FakePart(file, file.length), 4)).containsExactly(1, 2, 3, 4);
    }

    @Test
    void aMissingEmptyOrOversizedUploadIsRefused() {
        assertThatThrownBy(() -> LostModuleClaimBean.read(null, 4)).isInstanceOf(Claims.Refused.class)
                .hasMessageContaining("Choose the claim file");
        assertThatThrownBy(() -> LostModuleClaimBean.read(new FakePart(new byte[0], 0), 4)).isInstanceOf(Claims.Refused.class)
                .hasMessageContaining("Choose the claim file");
        assertThatThrownBy(() -> LostModuleClaimBean.read(new FakePart(new byte[5], 5), 4)).isInstanceOf(Claims.Refused.class)
                .hasMessageContaining("larger than any claim file");
        // A part that under-reports its size is still cut at the limit.
        assertThatThrownBy(() -> LostModuleClaimBean.read(new FakePart(new byte[5], 3), 4)).isInstanceOf(Claims.Refused.class)
                .hasMessageContaining("larger than any claim file");
    }

    @Test
    void theLimitIsTheLargestClaimFileAndTheContainerAllowsIt() {
        assertThat(LostModuleClaimBean.MAX_FILE_BYTES).isEqualTo(org.ems.csm.domain.LostNotesClaimFile.MAX_ENCODED_BYTES)
                .isLessThan(9437184); // web.xml multipart-config max-file-size
    }

    /** A multipart part with these bytes, reporting {@code size}. */
    private record FakePart(byte[] bytes, long size) implements Part {

        @Override
        public InputStream getInputStream() {
            return new ByteArrayInputStream(Arrays.copyOf(bytes, bytes.length));
        }

        @Override
        public String getContentType() {
            return "application/octet-stream";
        }

        @Override
        public String getName() {
            return "upload:file";
        }

        @Override
        public String getSubmittedFileName() {
            return "claim.bin";
        }

        @Override
        public long getSize() {
            return size;
        }

        @Override
        public void write(String fileName) throws IOException {
            throw new IOException("not stored");
        }

        @Override
        public void delete() {
        }

        @Override
        public String getHeader(String name) {
            return null;
        }

        @Override
        public Collection<String> getHeaders(String name) {
            return List.of();
        }

        @Override
        public Collection<String> getHeaderNames() {
            return List.of();
        }
    }
}
