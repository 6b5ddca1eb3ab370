package org.ems.testing.jta;

import jakarta.persistence.SharedCacheMode;
import jakarta.persistence.ValidationMode;
import jakarta.persistence.spi.ClassTransformer;
import jakarta.persistence.spi.PersistenceUnitInfo;
import jakarta.persistence.spi.PersistenceUnitTransactionType;
import java.net.URL;
import java.util.List;
import java.util.Properties;
import javax.sql.DataSource;
import org.hibernate.jpa.HibernatePersistenceProvider;

/**
 * The persistence unit a container would read from persistence.xml, built in code: JTA, the
 * harness's pooled XA data source, exactly the listed classes (no scanning), no second-level
 * cache, no Bean Validation (no provider on the test class path), no bytecode enhancement.
 */
final class HarnessPersistenceUnit implements PersistenceUnitInfo {

    private final String name;
    private final DataSource jtaDataSource;
    private final List<String> managedClassNames;
    private final ClassLoader classLoader;

    HarnessPersistenceUnit(String name, DataSource jtaDataSource, List<Class<?>> managedClasses) {
        this.name = name;
        this.jtaDataSource = jtaDataSource;
        this.managedClassNames = managedClasses.stream().map(Class::getName).toList();
        this.classLoader = JtaHarness.class.getClassLoader();
    }

    @Override public String getPersistenceUnitName() { return name; }
    @Override public String getPersistenceProviderClassName() { return HibernatePersistenceProvider.class.getName(); }
    @Override public PersistenceUnitTransactionType getTransactionType() { return PersistenceUnitTransactionType.JTA; }
    @Override public DataSource getJtaDataSource() { return jtaDataSource; }
    @Override public DataSource getNonJtaDataSource() { return null; }
    @Override public List<String> getMappingFileNames() { return List.of(); }
    @Override public List<URL> getJarFileUrls() { return List.of(); }
    @Override public URL getPersistenceUnitRootUrl() { return null; }
    @Override public List<String> getManagedClassNames() { return managedClassNames; }
    @Override public boolean excludeUnlistedClasses() { return true; }
    @Override public SharedCacheMode getSharedCacheMode() { return SharedCacheMode.NONE; }
    @Override public ValidationMode getValidationMode() { return ValidationMode.NONE; }
    @Override public Properties getProperties() { return new Properties(); }
    @Override public String getPersistenceXMLSchemaVersion() { return "3.0"; }
    @Override public ClassLoader getClassLoader() { return classLoader; }

    @Override
    public void addTransformer(ClassTransformer transformer) {
        // No load-time enhancement outside the container: entities run as plain classes.
    }

    @Override
    public ClassLoader getNewTempClassLoader() {
        return null;
    }
}
