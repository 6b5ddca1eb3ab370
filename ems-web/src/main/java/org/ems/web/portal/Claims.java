package org.ems.web.portal;

import java.io.Serializable;
import java.util.List;

/**
 * What the claim pages show (figures 21-22 and the MIIS): a module's failed-commit records to
 * claim, the receipt of a filed claim, a claim and its state. Plain values (no entities, no domain
 * objects); amounts are text ("JPY 1200"); the bean-style getters are for Expression Language 5.0
 * (Faces 4.0), which does not read record components.
 */
public final class Claims {

    private Claims() {
    }

    /** A failed-commit record of a module's log not claimed yet: its id (the payment), direction and amounts. */
    public record FailedCommit(String record, String direction, List<String> amounts) implements Serializable {

        public FailedCommit {
            amounts = List.copyOf(amounts);
        }

        public String getRecord() {
            return record;
        }

        public String getDirection() {
            return direction;
        }

        public String getAmountsText() {
            return String.join(", ", amounts);
        }
    }

    /** What the subscriber is told when a claim is filed. */
    public record Receipt(String claimId, String kind, String filedAt, List<String> totals, int items) implements Serializable {

        public Receipt {
            totals = List.copyOf(totals);
        }

        public String getClaimId() {
            return claimId;
        }

        public String getKind() {
            return kind;
        }

        public String getFiledAt() {
            return filedAt;
        }

        public String getTotalsText() {
            return String.join(", ", totals);
        }

        public int getItems() {
            return items;
        }
    }

    /** A claim at the MIIS and where it stands. */
    public record Claim(String claimId, String kind, String subscriber, long module, long csm, String filedAt, List<String> totals,
                        int items, String state, String stateSince, String remark) implements Serializable {

        public Claim {
            totals = List.copyOf(totals);
        }

        public String getClaimId() {
            return claimId;
        }

        public String getKind() {
            return kind;
        }

        public String getSubscriber() {
            return subscriber;
        }

        public long getModule() {
            return module;
        }

        public long getCsm() {
            return csm;
        }

        public String getFiledAt() {
            return filedAt;
        }

        public String getTotalsText() {
            return String.join(", ", totals);
        }

        public int getItems() {
            return items;
        }

        public String getState() {
            return state;
        }

        public String getStateSince() {
            return stateSince;
        }

        public String getRemark() {
            return remark;
        }
    }

    /** A refusal the CSR is told about (no failed commits, a tampered claim file, ...); nothing was filed or marked. */
    public static final class Refused extends RuntimeException {

        private static final long serialVersionUID = 1L;

        public Refused(String message) {
            super(message);
        }
    }
}
