package org.ems.web.rest;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.info.Info;

/** The EMS REST API under /api. The OpenAPI document is at /openapi, its UI at /openapi/ui. */
@ApplicationPath("/api")
@OpenAPIDefinition(info = @Info(title = "EMS API", version = "0.1",
        description = "Electronic monetary system: security hierarchy, money modules, FX settlement."))
public class EmsApi extends Application {
}
