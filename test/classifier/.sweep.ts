import { generateCampaign } from '../generator/campaign';
import { classifyCampaign } from '../../src/classifier/index';
import { getBundledIndex } from '../../src/ranges/index';
import { evaluate } from './evaluate';
const ranges = getBundledIndex();
for (const kind of ['b2b','consumer','mixed'] as const) {
  let minC=1,minO=1,maxCe=0,maxOe=0,ft=0,fs=0;
  for (let seed=1; seed<=20; seed++) {
    const g = generateCampaign({ seed: seed*7919, kind });
    const f = evaluate(g, classifyCampaign(g.campaign, { ranges }).verdicts.map(v=>v.label));
    minC=Math.min(minC,f.scannerClickF1); minO=Math.min(minO,f.machineOpenF1);
    maxCe=Math.max(maxCe,Math.abs(f.clickRate-f.trueClickRate)); maxOe=Math.max(maxOe,Math.abs(f.openRate-f.trueOpenRate));
    ft+=f.fastHumanEvents; fs+=Math.round(f.fastHumanAsScanner*f.fastHumanEvents);
  }
  console.log(kind, 'minClickF1', minC.toFixed(3), 'minOpenF1', minO.toFixed(3), 'maxClickErr', maxCe.toFixed(2), 'maxOpenErr', maxOe.toFixed(2), 'fast', fs+'/'+ft);
}
