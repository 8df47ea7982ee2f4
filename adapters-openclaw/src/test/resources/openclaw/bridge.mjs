// Runs inside the gateway's network namespace (unshare -n), where only loopback exists.
// It joins that loopback to the test JVM through two Unix sockets, which are not namespaced:
//   JVM -> <gatewaySocket> -> 127.0.0.1:<gatewayPort> (the gateway)
//   gateway -> 127.0.0.1:<llmPort> -> <llmSocket> -> JVM (the scripted LLM)
// It exits when its stdin closes, i.e. when the JVM that started it is gone.
import net from "node:net";
import fs from "node:fs";

const [gatewaySocket, gatewayPort, llmSocket, llmPort] = process.argv.slice(2);

function join(a, b) {
  a.pipe(b);
  b.pipe(a);
  const end = () => { a.destroy(); b.destroy(); };
  a.on("error", end); b.on("error", end);
  a.on("close", end); b.on("close", end);
}

try { fs.unlinkSync(gatewaySocket); } catch {}
net.createServer((c) => join(c, net.connect(Number(gatewayPort), "127.0.0.1")))
  .listen(gatewaySocket, () => {
    net.createServer((c) => join(c, net.connect(llmSocket)))
      .listen(Number(llmPort), "127.0.0.1", () => console.log("bridge ready"));
  });
process.stdin.on("end", () => process.exit(0));
process.stdin.on("error", () => process.exit(0));
process.stdin.resume();
