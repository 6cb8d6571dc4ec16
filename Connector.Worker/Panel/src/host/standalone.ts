// The panel in its own tab: an agent desktop with no CRM around it. Screen-pop opens the record's page in a new tab
// when the CRM gave a link; there is no host to click-to-dial from (the panel's own dial box does it).
import type { ActivityLink, CrmRecordRef, HostBridge, HostEvents } from "../../../../Connector.Core/Embedding/host-bridge";

export class StandaloneBridge implements HostBridge {
  readonly host = "standalone";
  readonly clickToDial = false;

  async start(_events: HostEvents): Promise<void> {}

  async screenPop(record: CrmRecordRef): Promise<void> {
    // The panel shows the record link itself; opening a window unasked would be blocked as a pop-up anyway.
    void record;
  }

  async setPanelVisible(_visible: boolean): Promise<void> {}

  async saveActivityLink(_link: ActivityLink): Promise<void> {}
}
