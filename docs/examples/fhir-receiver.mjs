// A stand-in for a health organisation's FHIR messaging endpoint, for the README's E3 walk-through:
// it takes POST <base>/$process-message, keeps each message Bundle as received in ./fhir-received/
// (named by its MessageHeader.id, and the latest as last.json), and answers with an OperationOutcome
// receipt: "received", with the acknowledgement to come later (the README sends it by hand).
// Usage: node docs/examples/fhir-receiver.mjs [port]   (8099 by default; application.yaml: demo-health)
import { createServer } from 'node:http';
import { mkdirSync, writeFileSync } from 'node:fs';

const port = Number(process.argv[2] ?? 8099);
const dir = 'fhir-received';
mkdirSync(dir, { recursive: true });

createServer((request, response) => {
  if (request.method !== 'POST' || !request.url.endsWith('/$process-message')) {
    response.writeHead(404).end();
    return;
  }
  let body = '';
  request.setEncoding('utf8');
  request.on('data', chunk => { body += chunk; });
  request.on('end', () => {
    let header;
    try {
      header = JSON.parse(body).entry[0].resource;
    } catch {
      response.writeHead(400, { 'Content-Type': 'application/fhir+json' })
        .end(JSON.stringify(outcome('error', 'invalid', 'not a FHIR message Bundle')));
      return;
    }
    writeFileSync(`${dir}/${header.id}.json`, body);
    writeFileSync(`${dir}/last.json`, body);
    console.log(`${new Date().toISOString()} ${header.eventCoding?.code} ${header.id} for ${header.destination?.[0]?.endpoint}`);
    response.writeHead(200, { 'Content-Type': 'application/fhir+json' })
      .end(JSON.stringify(outcome('information', 'informational', `message ${header.id} received`)));
  });
}).listen(port, () => console.log(`stand-in FHIR receiver on http://localhost:${port}/fhir`));

function outcome(severity, code, diagnostics) {
  return { resourceType: 'OperationOutcome', issue: [{ severity, code, diagnostics }] };
}
