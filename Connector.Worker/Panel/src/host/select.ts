// Which host loaded the panel: each CRM's bridge module says whether it recognises the page's URL and frame; the first
// that does wins, and outside any CRM the panel is a standalone agent desktop. New CRMs add their factory here.
import type { HostBridge, HostBridgeFactory } from "../../../../Connector.Core/Embedding/host-bridge";
import { salesforceBridge } from "../../../../Connector.Salesforce/Embedding/salesforce-bridge";
import { StandaloneBridge } from "./standalone";

const factories: HostBridgeFactory[] = [salesforceBridge];

export function selectHost(location: URL, inFrame: boolean): HostBridge {
  const factory = factories.find((f) => f.detect(location, inFrame));
  return factory ? factory.create(location) : new StandaloneBridge();
}
