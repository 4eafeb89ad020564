# Generates src/ingest/country-table.ts from Debian iso-codes (apt-get install iso-codes) plus the UNGDC file codes.
# Usage: python3 scripts/gen-countries.py  (needs the unpacked corpus at /work/ungdc/TXT; edit the path otherwise)
import csv, collections, json, os, re, unicodedata
iso=json.load(open('/usr/share/iso-codes/json/iso_3166-1.json'))['3166-1']
iso3=json.load(open('/usr/share/iso-codes/json/iso_3166-3.json'))['3166-3']
filecodes=set()
for s in os.listdir('/work/ungdc/TXT'):
    for f in os.listdir('/work/ungdc/TXT/'+s):
        if not f.startswith('.') and f.endswith('.txt') and f.count('_')==2: filecodes.add(f.split('_')[0])
entries={}
for c in iso:
    e={'code':c['alpha_3'],'alpha2':c['alpha_2'],'iso':c.get('common_name',c['name']),'names':[c['name']]+[c[k] for k in ('official_name','common_name') if k in c]}
    entries[c['alpha_3']]=e
hist={'YUG':('YU','Yugoslavia',['Socialist Federal Republic of Yugoslavia','Federal Republic of Yugoslavia']),
 'CSK':('CS','Czechoslovakia',['Czechoslovak Socialist Republic','Czech and Slovak Federal Republic']),
 'DDR':('DD','German Democratic Republic',['East Germany','GDR']),
 'SUN':('SU','Union of Soviet Socialist Republics',[]),
 'YMD':('YD','Democratic Yemen',["People's Democratic Republic of Yemen",'South Yemen','Southern Yemen']),
 'EU':('','European Union',['EU'])}
for k,(a2,n,al) in hist.items(): entries[k]={'code':k,'alpha2':a2,'iso':n,'names':[n]+al}
extra={'USA':['United States','USA','US','U.S.','U.S.A.','America'],'GBR':['UK','U.K.','Britain','Great Britain','England'],
 'RUS':['Russia','USSR','Soviet Union','Union of Soviet Socialist Republics'],'IRN':['Iran','Persia'],'CIV':['Ivory Coast',"Côte d'Ivoire"],
 'TUR':['Türkiye','Turkey','Turkiye'],'KOR':['South Korea','Korea, Republic of','Republic of Korea'],'PRK':['North Korea','DPRK'],
 'SYR':['Syria'],'LAO':['Laos'],'VNM':['Vietnam','Viet Nam'],'MDA':['Moldova'],'TZA':['Tanzania'],'VEN':['Venezuela'],'BOL':['Bolivia'],
 'COD':['DRC','DR Congo','Zaire','Congo-Kinshasa'],'COG':['Congo-Brazzaville','Republic of the Congo'],'CZE':['Czechia','Czech Republic'],
 'MKD':['Macedonia','North Macedonia','FYROM'],'SWZ':['Swaziland','Eswatini'],'CPV':['Cape Verde','Cabo Verde'],'TLS':['East Timor','Timor-Leste'],
 'VAT':['Vatican','Holy See','Vatican City'],'MMR':['Burma','Myanmar'],'NLD':['Holland','Netherlands'],'FSM':['Micronesia'],'PSE':['Palestine','State of Palestine'],
 'ARE':['UAE','Emirates'],'BRN':['Brunei'],'LBY':['Libya','Libyan Arab Jamahiriya'],'KHM':['Kampuchea','Cambodia'],'LKA':['Ceylon'],'BFA':['Upper Volta'],'BEN':['Dahomey'],
 'DEU':['Germany','West Germany','Federal Republic of Germany'],'BLR':['Byelorussia','Byelorussian SSR','Belorussia'],'UKR':['Ukrainian SSR'],
 'KNA':['St Kitts and Nevis','Saint Christopher and Nevis'],'VCT':['St Vincent and the Grenadines'],'LCA':['St Lucia'],'STP':['Sao Tome and Principe'],
 'YUG':['Serbia and Montenegro'],'EGY':['United Arab Republic'],'MYS':['Federation of Malaya','Malaya'],'THA':['Siam'],'KGZ':['Kyrgyz Republic'],'SVK':['Slovak Republic'],
 'CAF':['CAR'],'GMB':['The Gambia','Gambia'],'BHS':['The Bahamas','Bahamas'],'PHL':['Philippines'],'SLV':['El Salvador']}
for k,v in extra.items(): entries[k]['names']+=v
def key(s):
    s=unicodedata.normalize('NFKD',s); s=''.join(ch for ch in s if not unicodedata.combining(ch))
    s=s.lower().replace('’',"'").replace('&',' and ')
    s=re.sub(r"[^a-z0-9]+",' ',s); s=re.sub(r'\bst\b','saint',s)
    return ' '.join(w for w in s.split() if w!='the')
valid=set(entries)
rows=list(csv.DictReader(open('/work/shared/corpora/ungdc/speakers.csv',encoding='utf-8-sig')))
byname=collections.defaultdict(collections.Counter); recent=collections.defaultdict(collections.Counter)
for r in rows:
    c=r['ISO Code'].strip(); n=re.sub(r'\s+',' ',r['Country'].replace('\xad','')).strip()
    if c not in valid or not n or re.search(r'\d',n): continue
    byname[key(n)][c]+=1
    if int(r['Year'])>=2005: recent[c][n]+=1
taken={}
for e in entries.values():
    for n in e['names']:
        taken.setdefault(key(n),e['code'])
for k,cnt in byname.items():
    code=cnt.most_common(1)[0][0]
    if k not in taken: taken[k]=code
# display names
disp={}
for c,e in entries.items():
    if recent[c] and c not in ('BOL','VEN','IRN','TZA','MDA','KOR','PRK','COD','FSM','PSE','LAO','CIV'):
        disp[c]=recent[c].most_common(1)[0][0]
    else: disp[c]=e['iso']
fix={'YUG':'Yugoslavia','BOL':'Bolivia','VEN':'Venezuela','IRN':'Iran','TZA':'Tanzania','MDA':'Moldova','KOR':'Republic of Korea','PRK':"Democratic People's Republic of Korea",'COD':'Democratic Republic of the Congo','FSM':'Micronesia','PSE':'Palestine','LAO':"Lao People's Democratic Republic",'CIV':"Côte d'Ivoire",'USA':'United States of America','GBR':'United Kingdom','RUS':'Russian Federation','TUR':'Türkiye','CZE':'Czechia','SWZ':'Eswatini','MKD':'North Macedonia','VNM':'Viet Nam','SYR':'Syrian Arab Republic','CPV':'Cabo Verde','VAT':'Holy See','ARE':'United Arab Emirates','NLD':'Netherlands'}
disp.update(fix)
aliases=collections.defaultdict(list)
for k,c in taken.items(): aliases[c].append(k)
missing=filecodes-set(entries); print('missing file codes', missing)
out=['/**',' * Country table: ISO 3166-1 (Debian iso-codes 3166-1 JSON), the historical codes the UN General Debate',' * Corpus uses (YUG, CSK, DDR, YMD, EU; SUN for completeness) and the name variants of its speakers.csv,',' * each mapped to the code most rows give it (a few rows carry a wrong code). Names of predecessor states',' * the corpus files under a successor\'s code (USSR → RUS, Zaire → COD, Burma → MMR) map to that code.',' * Aliases are folded keys (see `countryKey` in country.ts). Generated once; edit by hand.',' */','export interface CountryEntry {','  /** ISO 3166-1 alpha-3 (or historical / "EU"). */','  code: string;','  /** ISO alpha-2, "" when none. */','  alpha2: string;','  /** English display name. */','  name: string;','  /** Folded name keys that mean this country. */','  aliases: readonly string[];','}','','export const COUNTRIES: readonly CountryEntry[] = [']
for c in sorted(entries):
    e=entries[c]
    al=sorted(set(aliases[c]))
    out.append('  { code: %s, alpha2: %s, name: %s, aliases: %s },'%(json.dumps(c),json.dumps(e['alpha2']),json.dumps(disp[c],ensure_ascii=False),json.dumps(al,ensure_ascii=False)))
out.append('];')
open('src/ingest/country-table.ts','w').write('\n'.join(out)+'\n')
