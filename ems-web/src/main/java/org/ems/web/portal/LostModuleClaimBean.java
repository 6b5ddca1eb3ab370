package org.ems.web.portal;

import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.Part;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.util.List;
import org.ems.csm.domain.LostNotesClaimFile;

/**
 * The "Lost module claim" page (figure 22 b): the subscriber and the claim file their host
 * downloaded while the module still worked (figure 21) in; the CSM checks it and files the claim
 * with the MIIS; the receipt (claim id, totals) and the module's claims are shown. A tampered
 * file, a bad module certificate or inconsistent amounts are refused with a message. The upload
 * is read up to {@link #MAX_FILE_BYTES}; a larger file is refused before the CSM sees it.
 */
@Named("lostModuleClaim")
@ViewScoped
public class LostModuleClaimBean implements Serializable {

    private static final long serialVersionUID = 1L;
    /** The largest claim file there is (1024 notes and the failed-commit records, sealed). */
    static final int MAX_FILE_BYTES = LostNotesClaimFile.MAX_ENCODED_BYTES;

    @Inject ClaimsFacade facade;

    private String subscriber;
    /** The uploaded file of this request only: a multipart part is not kept in the view. */
    private transient Part file;
    private Claims.Receipt receipt;
    private List<Claims.Claim> claims;

    public String getSubscriber() {
        return subscriber;
    }

    public void setSubscriber(String subscriber) {
        this.subscriber = PortalMessages.strip(subscriber);
    }

    public Part getFile() {
        return file;
    }

    public void setFile(Part file) {
        this.file = file;
    }

    public Claims.Receipt getReceipt() {
        return receipt;
    }

    public List<Claims.Claim> getClaims() {
        return claims;
    }

    /** Files the uploaded claim: the CSM checks it and files it with the MIIS. */
    public void fileClaim() {
        receipt = null;
        claims = null;
        if (!PortalMessages.filled(subscriber)) {
            PortalMessages.warn("Enter the subscriber's name (up to " + PortalMessages.MAX_TEXT + " characters).");
            return;
        }
        try {
            byte[] bytes = read(file, MAX_FILE_BYTES);
            receipt = facade.claimLostModule(bytes, subscriber);
            claims = facade.claimsOf(subscriber);
            PortalMessages.notice("Claim " + receipt.claimId() + " filed for " + subscriber + ".");
        } catch (Claims.Refused refused) {
            PortalMessages.warn(refused.getMessage());
        } finally {
            file = null;
        }
    }

    /** The uploaded file's bytes; refused when there is none, it is empty or it exceeds {@code max} bytes. */
    static byte[] read(Part part, int max) {
        if (part == null || part.getSize() == 0) {
            throw new Claims.Refused("Choose the claim file the subscriber's host downloaded.");
        }
        if (part.getSize() > max) {
            throw new Claims.Refused("The file is larger than any claim file (" + max + " bytes): nothing was filed.");
        }
        try (InputStream in = part.getInputStream()) {
            byte[] bytes = in.readNBytes(max + 1);
            if (bytes.length > max) {
                throw new Claims.Refused("The file is larger than any claim file (" + max + " bytes): nothing was filed.");
            }
            if (bytes.length == 0) {
                throw new Claims.Refused("Choose the claim file the subscriber's host downloaded.");
            }
            return bytes;
        } catch (IOException e) {
            throw new Claims.Refused("The upload could not be read: nothing was filed.");
        }
    }
}
