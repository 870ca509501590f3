// Validates Kubernetes and KEDA manifests against their schemas: every document of every file given must be a kind
// listed below, and must pass its model's validate() (the JSON schema of the Kubernetes API, and of KEDA's CRDs).
// Exits 1 naming the file, the document and what is wrong.
import { readFileSync } from "node:fs";
import { parseAllDocuments } from "yaml";
import { ConfigMap, PersistentVolumeClaim, Secret, Service } from "kubernetes-models/v1";
import { Deployment } from "kubernetes-models/apps/v1";
import { ScaledObject, TriggerAuthentication } from "@kubernetes-models/keda/keda.sh/v1alpha1";

const KINDS = {
  "v1/ConfigMap": ConfigMap,
  "v1/PersistentVolumeClaim": PersistentVolumeClaim,
  "v1/Secret": Secret,
  "v1/Service": Service,
  "apps/v1/Deployment": Deployment,
  "keda.sh/v1alpha1/ScaledObject": ScaledObject,
  "keda.sh/v1alpha1/TriggerAuthentication": TriggerAuthentication,
};

let failures = 0;
let valid = 0;
for (const file of process.argv.slice(2)) {
  const docs = parseAllDocuments(readFileSync(file, "utf8"));
  docs.forEach((doc, i) => {
    const where = `${file} document ${i + 1}`;
    if (doc.errors.length > 0) {
      console.error(`${where}: not YAML: ${doc.errors[0].message}`);
      failures++;
      return;
    }
    const object = doc.toJS();
    const Model = KINDS[`${object?.apiVersion}/${object?.kind}`];
    if (!Model) {
      console.error(`${where}: ${object?.apiVersion}/${object?.kind} is not a kind this check knows`);
      failures++;
      return;
    }
    try {
      new Model(object).validate();
      console.log(`${where}: ${object.kind} ${object.metadata?.name}: valid`);
      valid++;
    } catch (e) {
      console.error(`${where}: ${object.kind} ${object.metadata?.name}: ${e.message}`);
      failures++;
    }
  });
}
if (failures > 0 || valid === 0) {
  console.error(`${failures} manifest(s) invalid, ${valid} valid`);
  process.exit(1);
}
console.log(`${valid} manifests valid`);
