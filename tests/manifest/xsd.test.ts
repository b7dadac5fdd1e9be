/**
 * manifest.xml against the Office add-in manifest XSD (v1.1), with xmllint compiled to wasm.
 * The schemas live outside the repository, in ../shared/schemas/patched (see its SOURCES.md:
 * three local fixes so libxml2 can compile them and so <Runtimes> is known). Point
 * CRM_SCHEMA_DIR elsewhere to use another copy; without schemas these tests are skipped.
 */
import fs from "fs";
import path from "path";
import { validateXML, XMLFileInfo } from "xmllint-wasm";

const ROOT = path.resolve(__dirname, "../..");
const SCHEMA_DIR = process.env.CRM_SCHEMA_DIR ?? path.resolve(ROOT, "../shared/schemas/patched");
const MAIN_XSD = "OfficeAppManifestV1_1.xsd";
const haveSchemas = fs.existsSync(path.join(SCHEMA_DIR, MAIN_XSD));
const MANIFEST = fs.readFileSync(path.join(ROOT, "manifest.xml"), "utf8");
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { rewriteManifestUrls } = require("../../webpack.config.js") as {
  rewriteManifestUrls: (xml: string, publicUrl: string) => string;
};

if (!haveSchemas) {
  console.warn(`XSD validation skipped: no ${MAIN_XSD} in ${SCHEMA_DIR} (set CRM_SCHEMA_DIR to a copy of the schemas).`);
}
const xsdTest = haveSchemas ? test : test.skip;

function schemaFiles(): XMLFileInfo[] {
  return fs
    .readdirSync(SCHEMA_DIR)
    .filter((f) => f.endsWith(".xsd"))
    .sort()
    .map((f) => ({ fileName: f, contents: fs.readFileSync(path.join(SCHEMA_DIR, f), "utf8") }));
}

async function validate(xml: string): Promise<string[]> {
  const files = schemaFiles();
  const result = await validateXML({
    xml: { fileName: "manifest.xml", contents: xml },
    schema: files.filter((f) => f.fileName === MAIN_XSD),
    preload: files.filter((f) => f.fileName !== MAIN_XSD),
  });
  return result.valid ? [] : result.errors.map((e) => e.rawMessage);
}

/** A copy of the manifest with exactly one (checked) edit. */
function broken(from: string, to: string): string {
  expect(MANIFEST.split(from)).toHaveLength(2);
  return MANIFEST.replace(from, to);
}

describe("manifest.xml against the Office manifest XSD", () => {
  xsdTest("the manifest is valid", async () => {
    expect(await validate(MANIFEST)).toEqual([]);
  });

  xsdTest("the production manifest (PUBLIC_URL rewritten) is valid", async () => {
    const prod = rewriteManifestUrls(MANIFEST, "https://crm.example.com/addin/");
    expect(prod).not.toContain("localhost");
    expect(await validate(prod)).toEqual([]);
  });

  // Proof that validation can fail: each broken copy must be rejected, for the right reason.
  const BROKEN: { name: string; from: string; to: string; error: RegExp }[] = [
    {
      name: 'an unknown Runtime lifetime ("forever")',
      from: 'lifetime="long"',
      to: 'lifetime="forever"',
      error: /manifest\.xml:\d+: .*'lifetime': \[facet 'enumeration'\] The value 'forever' is not an element of the set \{'short', 'long'\}/,
    },
    {
      name: "a misspelt element (<Permision>)",
      from: "<Permissions>ReadWriteDocument</Permissions>",
      to: "<Permision>ReadWriteDocument</Permision>",
      error: /Element '\{http:\/\/schemas\.microsoft\.com\/office\/appforoffice\/1\.1\}Permision': This element is not expected/,
    },
    {
      name: "a misspelt <Id>",
      from: "<Id>87579e44-a3b3-42a2-9720-8458a7ec408d</Id>",
      to: "<ID>87579e44-a3b3-42a2-9720-8458a7ec408d</ID>",
      error: /Element '\{[^}]+\}ID': This element is not expected/,
    },
    {
      name: "a Version with five parts",
      from: "<Version>1.0.0.0</Version>",
      to: "<Version>1.0.0.0.0</Version>",
      error: /Element '\{[^}]+\}Version'.*'1\.0\.0\.0\.0' is not accepted by the pattern/,
    },
    {
      name: "Runtimes after AllFormFactors (wrong order)",
      from: "<Runtimes>",
      to: "<AllFormFactors/><Runtimes>",
      error: /Runtimes': This element is not expected/,
    },
  ];

  for (const b of BROKEN) {
    xsdTest(`rejects ${b.name}`, async () => {
      const errors = await validate(broken(b.from, b.to));
      expect(errors.length).toBeGreaterThan(0);
      expect(errors.join("\n")).toMatch(b.error);
    });
  }
});
