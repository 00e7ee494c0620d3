/**
 * Agora's domains, the destinations of every rule in `AGORA_CLOUD_PROXY_FIREWALL_RULES`. Allow
 * them by name: Agora's edge addresses change. The core package has the rules but not (yet)
 * the domains; until it exports them, this list is their one source: the firewall panel
 * renders it, and test/node/firewallDoc.test.ts holds docs/firewall.md to it and to the rules.
 */
export const AGORA_CLOUD_PROXY_DOMAINS: readonly string[] = [
  "*.agora.io",
  "*.edge.agora.io",
  "*.sd-rtn.com",
  "*.edge.sd-rtn.com",
];
