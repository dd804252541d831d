/* The table is shared with other files through an extern declaration, which is no exporter. */
extern struct dma_buf_ops form_shared_ops;
int form_shared_mmap(struct dma_buf *buf, struct vm_area_struct *vma);
