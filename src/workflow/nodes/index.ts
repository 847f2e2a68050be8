// Every node type the engine can run, by `data.type`. Version differences (assigner v1 / v2)
// are handled inside the node, by `data.version`.
import { agentNode } from "./agent";
import { answerNode } from "./answer";
import { assignerNode } from "./assigner";
import { codeNode } from "./code";
import { documentExtractorNode } from "./document-extractor";
import { endNode } from "./end";
import { httpRequestNode } from "./http-request";
import { humanInputNode } from "./human-input";
import { ifElseNode } from "./if-else";
import { iterationNode, iterationStartNode } from "./iteration";
import { knowledgeRetrievalNode } from "./knowledge-retrieval";
import { listOperatorNode } from "./list-operator";
import { llmNode } from "./llm";
import { loopEndNode, loopNode, loopStartNode } from "./loop";
import { parameterExtractorNode } from "./parameter-extractor";
import { questionClassifierNode } from "./question-classifier";
import { startNode } from "./start";
import { templateTransformNode } from "./template-transform";
import { toolNode } from "./tool";
import { scheduleTriggerNode } from "./trigger-schedule";
import { webhookTriggerNode } from "./trigger-webhook";
import type { WorkflowNode } from "./types";
import { legacyVariableAssignerNode, variableAggregatorNode } from "./variable-aggregator";

const ALL: WorkflowNode[] = [
  startNode,
  endNode,
  answerNode,
  ifElseNode,
  templateTransformNode,
  variableAggregatorNode,
  legacyVariableAssignerNode,
  assignerNode,
  listOperatorNode,
  iterationNode,
  iterationStartNode,
  loopNode,
  loopStartNode,
  loopEndNode,
  codeNode,
  llmNode,
  questionClassifierNode,
  parameterExtractorNode,
  knowledgeRetrievalNode,
  httpRequestNode,
  documentExtractorNode,
  toolNode,
  agentNode,
  webhookTriggerNode,
  scheduleTriggerNode,
  humanInputNode,
];

export const NODES: ReadonlyMap<string, WorkflowNode> = new Map(ALL.map((node) => [node.type, node]));

/** The implementation of a node type, if Kiln has one. */
export const nodeOf = (type: string): WorkflowNode | undefined => NODES.get(type);
