package org.ems.testing.jta;

import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

/**
 * Test-only repository written as the domain's JPA repositories are: a container-injected
 * EntityManager and nothing else. Lets the harness's tests check what repositories under test
 * receive.
 */
class LedgerRowRepository {

    @PersistenceContext
    private EntityManager entityManager;

    void store(LedgerRow row) {
        entityManager.persist(row);
    }

    LedgerRow find(long id) {
        return entityManager.find(LedgerRow.class, id);
    }

    boolean isManaged(LedgerRow row) {
        return entityManager.contains(row);
    }
}
