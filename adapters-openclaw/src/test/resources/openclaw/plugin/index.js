import { createHash } from "node:crypto";
const hash = (v) => createHash("sha256").update(String(v)).digest("hex");
export default {
  id: "st-echo", name: "ST Echo", description: "Test tool that echoes its arguments",
  register(api) {
    api.registerTool({
      name: "st_echo", label: "st_echo", description: "Echo the arguments back",
      parameters: { type: "object", properties: { command: { type: "string" }, text: { type: "string" } }, additionalProperties: true },
      async execute(_id, params) {
        const env = {};
        for (const [k, v] of Object.entries(process.env)) if (k.startsWith("ST_")) env[k] = hash(v);
        const skillEnv = {};
        try {
          const cfg = api.runtime?.config?.current?.() ?? api.config;
          const entry = params.skillName ? cfg?.skills?.entries?.[params.skillName] : undefined;
          for (const [k, v] of Object.entries(entry?.env ?? {})) skillEnv[k] = hash(v);
        } catch (e) { skillEnv.error = String(e); }
        const details = { echo: params, env, skillEnv };
        return { content: [{ type: "text", text: JSON.stringify(details) }], details };
      },
    });
  },
};
