// The worked example of docs/notebook.md as one script; the tests run it (test/frames/notebook.test.ts).
//   npm run build && node docs/notebook.mjs [output folder, default out/notebook]
// Run it from the repository: it imports the package by its own name, as a notebook beside it would.
/* eslint-disable no-console */
import path from 'node:path';
import { merge, readCSV } from 'danfojs-node';
import { featuresFrame, parseIsoDay, score, scoreFrame, scoresFrame, trainOnFrame } from 'clientseg';

const out = process.argv[2] ?? path.join('out', 'notebook');
const clientsPath = path.join('data-samples', 'clients.csv');
const transactionsPath = path.join('data-samples', 'transactions.csv');
const asOf = parseIsoDay('2026-06-30');

// 1. Features: one row per client, the numbers `clientseg features` writes.
const features = await featuresFrame({ clientsPath, transactionsPath, asOf, rejectsPath: path.join(out, 'rejects.csv') });
console.log(`features: ${features.shape[0]} clients × ${features.shape[1] - 1} features`);

// 2. Explore with danfo: summary statistics of a few behaviour features.
features.loc({ columns: ['txn_per_month', 'trades_per_month', 'share_high_risk', 'salary_regularity', 'age_years'] }).describe().print();

// 3. A label from the clients file, joined on client_id; the last quarter held out.
const clients = await readCSV(clientsPath);
const labelled = merge({ left: features, right: clients.loc({ columns: ['client_id', 'declared_risk'] }), on: ['client_id'], how: 'left' });
labelled.column('declared_risk').valueCounts().print();
const cut = Math.floor(labelled.shape[0] * 0.75);
const train = labelled.iloc({ rows: [`0:${cut}`] });
const heldOut = labelled.iloc({ rows: [`${cut}:`] });

// 4. Train: segments, and a classifier for the target (the bundle `train --features` would write).
const model = await trainOnFrame(train, { target: 'declared_risk', modelDir: path.join(out, 'model'), seed: 7 });
console.log(`model ${model.version}: ${model.report.segments.k} segments; classes ${model.report.target?.classes.join(', ')}`);

// 5. Score the held-out clients (the label column is ignored: the model knows its features).
const scores = await scoreFrame(heldOut.drop({ columns: ['declared_risk'] }), { model: model.dir });
const compared = merge({ left: scores, right: heldOut.loc({ columns: ['client_id', 'declared_risk'] }), on: ['client_id'], how: 'left' });

// 6. Look: segment sizes, predicted against declared risk, accuracy against the majority class.
compared.groupby(['behaviour_segment_name']).agg({ client_id: 'count' }).print();
compared.groupby(['declared_risk', 'predicted_declared_risk']).agg({ client_id: 'count' }).print();
const declared = compared.column('declared_risk').values;
const predicted = compared.column('predicted_declared_risk').values;
const known = declared.flatMap((label, i) => (label === null ? [] : [[label, predicted[i]]]));
const accuracy = known.filter(([label, guess]) => label === guess).length / known.length;
const trainCounts = train.column('declared_risk').valueCounts();
const majority = trainCounts.index[trainCounts.values.indexOf(Math.max(...trainCounts.values))];
const baseline = known.filter(([label]) => label === majority).length / known.length;
console.log(`held-out accuracy ${accuracy.toFixed(3)} on ${known.length} labelled clients (always "${majority}": ${baseline.toFixed(3)})`);

// 7. The bundled model's full profiles (tiers, life-cycle, needs) as a frame.
const run = await score({ model: 'models/sample', clientsPath, transactionsPath, asOf, outPath: path.join(out, 'scores.csv'), rejectsPath: path.join(out, 'score-rejects.csv') });
const profiles = await scoresFrame(run);
profiles.groupby(['asset_tier', 'lifecycle_stage']).agg({ client_id: 'count' }).print();
console.log(`profiles: ${profiles.shape[0]} clients, mean education propensity ${profiles.column('need_education').mean().toFixed(4)}`);
