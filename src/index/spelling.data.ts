/**
 * British and American spellings of one word, for the patterns no safe rule covers (see
 * spelling.ts for the rules: -ise/-ize, -yse/-yze, -our/-or). Each line: British American. One form
 * of each word is enough: the analyzer joins the stems, and Snowball already joins each spelling's
 * inflections (centre, centres, centred → centr). A pair the stemmer already joins (travelled /
 * traveled, fulfil / fulfill, ageing / aging) is not listed: a test checks that every pair here is
 * needed and joins.
 *
 * Left out on purpose, because one spelling is also another common word: metre / meter (a
 * device), tyre / tire, storey / story, cheque / check, kerb / curb, draught / draft, tonne / ton,
 * timbre / timber, spelt / spelled (a grain), smelt, gage, vise; or because a stem is shared with
 * other words (the British stem would pull them all in, or the American one already has): litre /
 * liter (liter, literal, literally → liter), speciality (→ special), wilful / willful (willful →
 * will), cosy (→ cosi, as cosis). Each British stem must go to one American stem: manoeuvre and
 * manoeuvrable share "manoeuvr", while maneuver and maneuverable do not share a stem.
 *
 * The last lines join transliterations of a name in the same way (QA20 F5: "Gaddafi", four times in
 * the UNGDC library, missed the 130 speeches writing "Qadhafi" or "Qaddafi"; "Kiev" missed "Kyiv"):
 * the spelling news copy uses, then the one UN records use. Historic names that are other words of
 * their time (Peking, Bombay, Ceylon) are not listed; countries' former names are country words.
 *
 * Checked against the UNGDC library's vocabulary: every term these pairs and the rules merge was
 * read (the words of each spelling that meet on it), and the ones above taken out.
 */
export const SPELLING_PAIRS_TEXT = `
  centre center
  epicentre epicenter
  theatre theater
  amphitheatre amphitheater
  fibre fiber
  fibreglass fiberglass
  kilometre kilometer
  centimetre centimeter
  millimetre millimeter
  nanometre nanometer
  micrometre micrometer
  calibre caliber
  sombre somber
  spectre specter
  lustre luster
  lacklustre lackluster
  sabre saber
  meagre meager
  sceptre scepter
  manoeuvre maneuver
  goitre goiter
  mitre miter
  ochre ocher
  reconnoitre reconnoiter
  sepulchre sepulcher
  saltpetre saltpeter
  titre titer
  accoutrement accouterment

  defence defense
  offence offense
  pretence pretense
  licence license
  practise practice

  catalogue catalog
  dialogue dialog
  analogue analog
  monologue monolog
  demagogue demagog
  pedagogue pedagog
  homologue homolog
  travelogue travelog

  programme program
  kilogramme kilogram
  gramme gram

  counsellor counselor
  councillor councilor
  jewellery jewelry
  skilful skillful
  woollen woolen
  chilli chili

  paediatric pediatric
  paediatrics pediatrics
  paediatrician pediatrician
  anaemia anemia
  anaemic anemic
  anaesthesia anesthesia
  anaesthetic anesthetic
  anaesthetist anesthetist
  haemorrhage hemorrhage
  haemorrhagic hemorrhagic
  haemoglobin hemoglobin
  haemophilia hemophilia
  haematology hematology
  septicaemia septicemia
  ischaemia ischemia
  leukaemia leukemia
  encyclopaedia encyclopedia
  orthopaedic orthopedic
  gynaecology gynecology
  gynaecological gynecological
  gynaecologist gynecologist
  faeces feces
  faecal fecal
  caesarean cesarean
  mediaeval medieval
  palaeontology paleontology
  palaeolithic paleolithic
  archaeology archeology
  archaeological archeological
  aetiology etiology
  aeon eon
  aesthetic esthetic
  aeroplane airplane

  foetus fetus
  foetal fetal
  oestrogen estrogen
  oesophagus esophagus
  diarrhoea diarrhea
  oedema edema
  homoeopathy homeopathy
  amoeba ameba
  coeliac celiac
  apnoea apnea
  dyspnoea dyspnea
  gonorrhoea gonorrhea

  aluminium aluminum
  sulphur sulfur
  sulphate sulfate
  sulphuric sulfuric
  sulphide sulfide
  sulphurous sulfurous
  grey gray
  plough plow
  mould mold
  moult molt
  smoulder smolder
  gaol jail
  sceptic skeptic
  sceptical skeptical
  scepticism skepticism
  pyjamas pajamas
  moustache mustache
  mollusc mollusk
  artefact artifact
  enquiry inquiry
  enquire inquire
  judgement judgment
  lodgement lodgment
  learnt learned
  dreamt dreamed
  burnt burned
  spoilt spoiled
  leant leaned
  amongst among
  connexion connection
  inflexion inflection
  cypher cipher
  disc disk
  liquorice licorice
  pedlar peddler
  yoghurt yogurt
  omelette omelet
  likeable likable
  sizeable sizable
  saleable salable
  moveable movable
  focussed focused
  kiev kyiv
  kharkov kharkiv
  odessa odesa
  teheran tehran
  gaddafi qadhafi
  qaddafi qadhafi
  kadhafi qadhafi
  gadhafi qadhafi
`;
