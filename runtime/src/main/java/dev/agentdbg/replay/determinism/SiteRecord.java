package dev.agentdbg.replay.determinism;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.agentdbg.capture.Redactor;
import dev.agentdbg.replay.SideRecord;

import java.io.IOException;

/**
 * The {@code det} record of one call site: the values recorded since the last drain. Queued at most
 * once at a time; its memory is the site's blocks, reserved and freed by the site, so it holds none.
 */
final class SiteRecord implements SideRecord {
    private final Site site;

    SiteRecord(Site site) {
        this.site = site;
    }

    @Override
    public String type() {
        return "det";
    }

    @Override
    public long bytes() {
        return 0;
    }

    @Override
    public void writeFields(JsonGenerator json, Redactor redactor) throws IOException {
        json.writeStringField("site", redactor.mask(site.key));
        json.writeStringField("what", site.what.name);
        json.writeArrayFieldStart("values");
        site.drain(json::writeNumber);
        json.writeEndArray();
    }
}
