import type { SectionId } from './section-ids';

export { SECTION_IDS, type SectionId } from './section-ids';

/**
 * The sections and topics of the question bank. Ids are stable for ever: review
 * history and saved topic filters hang on them. Labels are what users see.
 */
export interface Label {
  zh: string;
  en: string;
}

export interface SectionDef {
  id: SectionId;
  label: Label;
  topics: Record<string, Label>;
}

export const SECTIONS: readonly SectionDef[] = [
  {
    id: 'basics',
    label: { zh: '基础篇', en: 'Basics' },
    topics: {
      attention: { zh: '注意力机制', en: 'Attention' },
      'mha-mqa-gqa': { zh: 'MHA / MQA / GQA', en: 'MHA / MQA / GQA' },
      'positional-encoding': { zh: '位置编码', en: 'Positional encoding' },
      normalization: { zh: '归一化', en: 'Normalization' },
      ffn: { zh: 'FFN 与激活函数', en: 'FFN and activations' },
      tokenization: { zh: '分词', en: 'Tokenization' },
      architectures: { zh: '模型结构与掩码', en: 'Architectures and masks' },
      'pretraining-objectives': { zh: '预训练目标', en: 'Pretraining objectives' },
      'loss-perplexity': { zh: '损失与困惑度', en: 'Loss and perplexity' },
      decoding: { zh: '解码策略', en: 'Decoding' },
      'efficient-attention': { zh: '高效注意力与 MLA', en: 'Efficient attention and MLA' },
      'state-space-models': { zh: '状态空间模型与线性注意力', en: 'State-space models and linear attention' },
      'multi-token-prediction': { zh: '多 token 预测', en: 'Multi-token prediction' },
    },
  },
  {
    id: 'advanced',
    label: { zh: '进阶篇', en: 'Advanced' },
    topics: {
      'scaling-laws': { zh: '缩放定律与涌现', en: 'Scaling laws and emergence' },
      data: { zh: '数据工程', en: 'Data' },
      sft: { zh: '指令微调 SFT', en: 'SFT' },
      peft: { zh: '参数高效微调', en: 'PEFT' },
      rlhf: { zh: 'RLHF', en: 'RLHF' },
      dpo: { zh: 'DPO 及其变体', en: 'DPO and relatives' },
      repetition: { zh: '复读与退化', en: 'Repetition and degeneration' },
      'long-context': { zh: '长上下文', en: 'Long context' },
      moe: { zh: '混合专家 MoE', en: 'Mixture of experts' },
      distillation: { zh: '蒸馏', en: 'Distillation' },
      'continual-pretraining': { zh: '继续预训练', en: 'Continual pretraining' },
      'reasoning-rl': { zh: '推理模型与强化学习', en: 'Reasoning models and RL' },
      'reward-models': { zh: '奖励模型（ORM / PRM）', en: 'Reward models (ORM / PRM)' },
      'test-time-compute': { zh: '测试时计算', en: 'Test-time compute' },
    },
  },
  {
    id: 'llm',
    label: { zh: '大模型（LLMs）', en: 'LLMs' },
    topics: {
      'model-families': { zh: '开源模型体系', en: 'Model families' },
      'model-choice': { zh: '模型选型', en: 'Model choice' },
      'in-context-learning': { zh: '上下文学习', en: 'In-context learning' },
      'chain-of-thought': { zh: '思维链', en: 'Chain of thought' },
      rag: { zh: '检索增强生成 RAG', en: 'RAG' },
      'vector-search': { zh: '向量检索', en: 'Vector search' },
      agents: { zh: '智能体与工具调用', en: 'Agents and tool use' },
      'app-frameworks': { zh: '应用框架', en: 'Application frameworks' },
      hallucination: { zh: '幻觉', en: 'Hallucination' },
      evaluation: { zh: '评测', en: 'Evaluation' },
      safety: { zh: '安全', en: 'Safety' },
      multimodal: { zh: '多模态', en: 'Multimodal' },
      'vision-language': { zh: '视觉语言模型', en: 'Vision-language models' },
      'agent-protocols': { zh: '智能体协议（MCP）', en: 'Agent protocols (MCP)' },
      'llm-as-judge': { zh: 'LLM 评审', en: 'LLM-as-a-judge' },
    },
  },
  {
    id: 'distributed',
    label: { zh: '大模型分布式训练', en: 'Distributed training' },
    topics: {
      'memory-accounting': { zh: '显存估算', en: 'Memory accounting' },
      'data-parallel': { zh: '数据并行 DP/DDP', en: 'Data parallelism' },
      'zero-fsdp': { zh: 'ZeRO 与 FSDP', en: 'ZeRO and FSDP' },
      'tensor-parallel': { zh: '张量并行', en: 'Tensor parallelism' },
      'pipeline-parallel': { zh: '流水线并行', en: 'Pipeline parallelism' },
      'sequence-parallel': { zh: '序列/上下文并行', en: 'Sequence and context parallelism' },
      topology: { zh: '3D 并行与网络拓扑', en: '3D layouts and interconnects' },
      'mixed-precision': { zh: '混合精度', en: 'Mixed precision' },
      'activation-checkpointing': { zh: '激活重计算', en: 'Activation checkpointing' },
      'gradient-accumulation': { zh: '梯度累积', en: 'Gradient accumulation' },
      collectives: { zh: '集合通信', en: 'Collectives' },
      'training-frameworks': { zh: '训练框架', en: 'Training frameworks' },
      'fault-tolerance': { zh: '容错与检查点', en: 'Fault tolerance and checkpoints' },
      'fp8-training': { zh: 'FP8 训练', en: 'FP8 training' },
      'expert-parallel': { zh: '专家并行', en: 'Expert parallelism' },
    },
  },
  {
    id: 'inference',
    label: { zh: '大模型（LLMs）推理', en: 'Inference' },
    topics: {
      'prefill-decode': { zh: 'Prefill 与 Decode', en: 'Prefill and decode' },
      'latency-metrics': { zh: '延迟指标', en: 'Latency metrics' },
      'kv-cache': { zh: 'KV Cache', en: 'KV cache' },
      'gpu-memory': { zh: '推理显存', en: 'Inference GPU memory' },
      'paged-attention': { zh: 'PagedAttention 与前缀缓存', en: 'PagedAttention and prefix caching' },
      batching: { zh: '批处理', en: 'Batching' },
      'flash-attention': { zh: 'FlashAttention', en: 'FlashAttention' },
      quantization: { zh: '量化', en: 'Quantization' },
      'speculative-decoding': { zh: '投机解码', en: 'Speculative decoding' },
      'constrained-decoding': { zh: '约束解码', en: 'Constrained decoding' },
      'cpu-edge': { zh: 'CPU 与端侧推理', en: 'CPU and edge inference' },
      'serving-engines': { zh: '推理引擎', en: 'Serving engines' },
      hardware: { zh: '硬件与速度', en: 'Hardware and speed' },
      'pd-disaggregation': { zh: 'PD 分离', en: 'Prefill/decode disaggregation' },
      'low-precision': { zh: 'FP8 与 FP4 推理', en: 'FP8 and FP4 inference' },
    },
  },
];

export function sectionById(id: string): SectionDef | undefined {
  return SECTIONS.find((s) => s.id === id);
}
